package dev.slipway.edge.serve;

import dev.slipway.edge.site.ServedFile;
import java.util.Locale;

/** Which representation of a file to send, from the request's {@code Accept-Encoding}. */
enum Encoding {
    IDENTITY, BROTLI_STORED, GZIP_STORED, GZIP_HERE;

    /** Brotli beats gzip when the deployment has both; the edge only ever compresses with gzip itself. */
    static Encoding choose(String acceptEncoding, ServedFile file) {
        if (acceptEncoding == null || acceptEncoding.isEmpty()) {
            return IDENTITY;
        }
        String accepted = acceptEncoding.toLowerCase(Locale.ROOT);
        ServedFile.Variants variants = file.variants();
        if (variants.brotli() != null && accepts(accepted, "br")) {
            return BROTLI_STORED;
        }
        if (accepts(accepted, "gzip")) {
            if (variants.gzip() != null) {
                return GZIP_STORED;
            }
            if (variants.compressible()) {
                return GZIP_HERE;
            }
        }
        return IDENTITY;
    }

    ServedFile representation(ServedFile file) {
        return switch (this) {
            case BROTLI_STORED -> file.variants().brotli();
            case GZIP_STORED -> file.variants().gzip();
            case IDENTITY, GZIP_HERE -> file;
        };
    }

    /** The coding is listed and not refused with {@code q=0}. */
    private static boolean accepts(String accepted, String coding) {
        for (String part : accepted.split(",")) {
            String[] pieces = part.trim().split(";");
            if (pieces[0].trim().equals(coding)) {
                for (int i = 1; i < pieces.length; i++) {
                    String param = pieces[i].trim().replace(" ", "");
                    if (param.equals("q=0") || param.matches("q=0(\\.0*)?")) {
                        return false;
                    }
                }
                return true;
            }
        }
        return false;
    }
}
