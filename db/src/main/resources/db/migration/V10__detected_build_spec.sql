ALTER TABLE jobs ADD COLUMN detected_build_spec TEXT;
