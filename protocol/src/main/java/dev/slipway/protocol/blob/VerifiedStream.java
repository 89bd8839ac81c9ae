package dev.slipway.protocol.blob;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.util.HexFormat;

/**
 * A downloaded blob that checks, on reaching its end, that its bytes hash to their key: a truncated or corrupted
 * transfer fails the read instead of being served or unpacked. A reader that stops early checks nothing.
 */
final class VerifiedStream extends FilterInputStream {

    private final String key;
    private final MessageDigest sha256 = BlobKeys.sha256();
    private boolean checked;

    VerifiedStream(InputStream in, String key) {
        super(in);
        this.key = key;
    }

    @Override
    public int read() throws IOException {
        int b = super.read();
        if (b < 0) {
            check();
        } else {
            sha256.update((byte) b);
        }
        return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        int n = super.read(buffer, offset, length);
        if (n < 0) {
            check();
        } else {
            sha256.update(buffer, offset, n);
        }
        return n;
    }

    /** Skipped bytes are read, so that they are hashed too. */
    @Override
    public long skip(long n) throws IOException {
        byte[] buffer = new byte[8192];
        long skipped = 0;
        while (skipped < n) {
            int read = read(buffer, 0, (int) Math.min(buffer.length, n - skipped));
            if (read < 0) {
                break;
            }
            skipped += read;
        }
        return skipped;
    }

    @Override
    public boolean markSupported() {
        return false;
    }

    private void check() throws IOException {
        if (checked) {
            return;
        }
        checked = true;
        String actual = HexFormat.of().formatHex(sha256.digest());
        if (!actual.equals(key)) {
            throw new IOException("blob " + key + " arrived corrupted or cut short: its bytes hash to " + actual);
        }
    }
}
