-- App-level custom headers (Amplify's App.customHeaders): the customHttp.yml text as entered, NULL when none.
-- Kept as text rather than parsed JSON so the console shows back exactly what was saved, comments included.
ALTER TABLE apps ADD COLUMN custom_headers TEXT;
