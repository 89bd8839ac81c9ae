package dev.slipway.edge.serve;

/**
 * The single-range subset of HTTP range requests (RFC 9110 §14): {@code bytes=a-b}, {@code bytes=a-} and
 * {@code bytes=-n}. Several ranges, or a header that does not parse, mean "send the whole file", which the RFC allows.
 */
final class ByteRanges {

    /** @param length bytes to send from {@code start} */
    record Range(long start, long length) {
        long end() {
            return start + length - 1;
        }
    }

    /** No byte of the file is in the requested range: 416. */
    static final Range UNSATISFIABLE = new Range(-1, 0);

    private ByteRanges() {
    }

    /** @return null to send the whole file, {@link #UNSATISFIABLE}, or the range to send */
    static Range parse(String header, long size) {
        if (header == null || !header.regionMatches(true, 0, "bytes=", 0, 6) || header.indexOf(',') >= 0) {
            return null;
        }
        String spec = header.substring(6).trim();
        int dash = spec.indexOf('-');
        if (dash < 0) {
            return null;
        }
        try {
            String first = spec.substring(0, dash).trim();
            String last = spec.substring(dash + 1).trim();
            if (first.isEmpty()) {
                long suffix = Long.parseLong(last);
                return suffix <= 0 || size == 0 ? UNSATISFIABLE
                        : new Range(Math.max(0, size - suffix), Math.min(suffix, size));
            }
            long start = Long.parseLong(first);
            long requestedEnd = last.isEmpty() ? Long.MAX_VALUE : Long.parseLong(last);
            if (start < 0 || requestedEnd < start) {
                return null;
            }
            return start >= size ? UNSATISFIABLE : new Range(start, Math.min(requestedEnd, size - 1) - start + 1);
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
