#!/bin/sh
# Writes the files this overlay's secretGenerator reads into secrets/ (owner-only, kept out of git by .gitignore).
# Existing files are kept: the master key opens the secrets stored in PostgreSQL and the TLS key the certificates'
# keys, so they must never change under a running installation; back them up with the database.
# The database's and the bucket's credentials come from SLIPWAY_DATABASE_USER, SLIPWAY_DATABASE_PASSWORD,
# AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY when set, else REPLACE-ME (edit those files).
set -eu
cd "$(dirname "$0")"
umask 077
mkdir -p secrets

# 32 random bytes in base64: an AES-256 key, or a token (any string works; these are unguessable)
random() { head -c 32 /dev/urandom | base64 | tr -d '\n'; }
keep_or_write() { # file value
  if [ -s "secrets/$1" ]; then return 0; fi
  printf '%s' "$2" > "secrets/$1"
  echo "wrote secrets/$1"
}

keep_or_write master-key "$(random)"
keep_or_write tls-key "$(random)"
keep_or_write runner-token "$(random)"
keep_or_write edge-token "$(random)"
keep_or_write bootstrap-token "$(random)"
keep_or_write admin-password "$(random)"
keep_or_write database-username "${SLIPWAY_DATABASE_USER:-slipway}"
keep_or_write database-password "${SLIPWAY_DATABASE_PASSWORD:-REPLACE-ME}"
keep_or_write s3-access-key-id "${AWS_ACCESS_KEY_ID:-REPLACE-ME}"
keep_or_write s3-secret-access-key "${AWS_SECRET_ACCESS_KEY:-REPLACE-ME}"
if grep -l REPLACE-ME secrets/* 2>/dev/null; then
  echo "edit the files above (your PostgreSQL's and bucket's credentials) before kubectl apply -k ." >&2
fi
