package dev.slipway.controlplane.support;

import dev.slipway.protocol.blob.BlobTransfer;
import dev.slipway.protocol.edge.EdgeApi;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses oversized bodies with 413 before anything reads them: by Content-Length at once, and for chunked bodies
 * as soon as the stream passes the limit.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class RequestSizeLimitFilter extends OncePerRequestFilter {

    private static final long RUNNER_LIMIT = 16L * 1024 * 1024;
    /** A full batch of access logs, gzip-compressed (the control plane also caps it decompressed). */
    private static final long ACCESS_LOG_LIMIT = 16L * 1024 * 1024;

    private final ControlPlaneProperties properties;

    RequestSizeLimitFilter(ControlPlaneProperties properties) {
        this.properties = properties;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        long limit = limitFor(request.getMethod(), request.getRequestURI());
        if (request.getContentLengthLong() > limit) {
            ProblemResponses.write(response, HttpStatus.CONTENT_TOO_LARGE,
                    "The request body is larger than the limit of " + limit + " bytes for this endpoint.");
            return;
        }
        chain.doFilter(new LimitedRequest(request, limit), response);
    }

    private long limitFor(String method, String uri) {
        if (method.equals("PUT") && uri.startsWith(BlobTransfer.RUNNER_PREFIX + "/")) {
            return properties.maxBlobSize().toBytes(); // a blob upload: an artifact file or a build cache
        }
        if (uri.equals(EdgeApi.ACCESS_LOGS)) {
            return ACCESS_LOG_LIMIT;
        }
        if (method.equals("PUT") && uri.startsWith("/uploads/")) {
            return properties.manualDeploys().maxZipSize().toBytes(); // a manual deploy's zip
        }
        if (uri.startsWith("/hooks/") || uri.startsWith("/webhooks")) {
            return properties.maxWebhookBody().toBytes();
        }
        return uri.startsWith("/runner/") ? RUNNER_LIMIT : properties.maxApiBody().toBytes();
    }

    private static final class LimitedRequest extends HttpServletRequestWrapper {
        private final long limit;
        private ServletInputStream stream;

        LimitedRequest(HttpServletRequest request, long limit) {
            super(request);
            this.limit = limit;
        }

        @Override
        public ServletInputStream getInputStream() throws IOException {
            if (stream == null) {
                stream = new LimitedStream(super.getInputStream(), limit);
            }
            return stream;
        }
    }

    private static final class LimitedStream extends ServletInputStream {
        private final ServletInputStream delegate;
        private final long limit;
        private long read;

        LimitedStream(ServletInputStream delegate, long limit) {
            this.delegate = delegate;
            this.limit = limit;
        }

        @Override
        public int read() throws IOException {
            int b = delegate.read();
            if (b >= 0) {
                count(1);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = delegate.read(buffer, offset, length);
            if (n > 0) {
                count(n);
            }
            return n;
        }

        private void count(int n) throws PayloadTooLargeException {
            read += n;
            if (read > limit) {
                throw new PayloadTooLargeException(limit);
            }
        }

        @Override
        public boolean isFinished() {
            return delegate.isFinished();
        }

        @Override
        public boolean isReady() {
            return delegate.isReady();
        }

        @Override
        public void setReadListener(ReadListener listener) {
            delegate.setReadListener(listener);
        }
    }
}
