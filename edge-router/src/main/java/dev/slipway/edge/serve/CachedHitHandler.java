package dev.slipway.edge.serve;

import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.channel.epoll.EpollChannelOption;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;
import reactor.netty.NettyPipeline;
import reactor.netty.http.server.HttpServer;

/**
 * Sits between the HTTP codec and Reactor Netty's traffic handler of one plain-HTTP connection and answers the
 * requests {@link CachedHits} can answer; every other message goes on to Reactor Netty unchanged.
 *
 * <p>Responses must leave in request order (HTTP/1.1 pipelining): while a request handed to Reactor Netty is still
 * unanswered, every later request goes to Reactor Netty too, which queues them itself. Its answer ends with a
 * {@link LastHttpContent} written through this handler, which is how the count of unanswered requests goes down; a
 * 1xx (100-continue, or 101 before a websocket) is not an answer, so after an upgrade this handler only passes
 * messages along.
 *
 * <p>A file body follows its headers in the same TCP segment, as with nginx's {@code tcp_nopush}: the socket is corked
 * while the answers of one read are written and uncorked after their flush.
 *
 * <p>Not sharable: one per connection, used on its event loop only.
 */
public final class CachedHitHandler extends ChannelDuplexHandler {

    private static final String NAME = "slipway.cachedHits";

    private final CachedHits hits;
    /** Requests given to Reactor Netty whose response has not been written yet. */
    private int unanswered;
    /** The rest of a request answered here (its empty last content) is dropped. */
    private boolean dropContent;
    /** A response answered here ends the connection: nothing read afterwards is answered. */
    private boolean closing;
    /** Something read since the last read completion was answered or dropped here. */
    private boolean consumed;
    private boolean unflushed;
    private boolean corked;
    /** A read is due once the client has taken enough of the answers written so far. */
    private boolean readWanted;

    CachedHitHandler(CachedHits hits) {
        this.hits = hits;
    }

    /** Adds a handler to every plain-HTTP/1.1 connection of {@code server}. */
    public static HttpServer install(HttpServer server, CachedHits hits) {
        return server.doOnChannelInit((observer, channel, remote) -> {
            if (channel.pipeline().get(NettyPipeline.HttpTrafficHandler) != null) {
                channel.pipeline().addBefore(NettyPipeline.HttpTrafficHandler, NAME, new CachedHitHandler(hits));
            }
        });
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (closing) {
            ReferenceCountUtil.release(msg);
            return;
        }
        if (dropContent && msg instanceof HttpContent) {
            dropContent = !(msg instanceof LastHttpContent);
            consumed = true;
            ReferenceCountUtil.release(msg);
            return;
        }
        long start = System.nanoTime();
        CachedHits.Answer answer = msg instanceof HttpRequest request && unanswered == 0 ? answer(ctx, request) : null;
        if (answer == null) {
            if (msg instanceof HttpRequest) {
                unanswered++;
            }
            ctx.fireChannelRead(msg);
            return;
        }
        dropContent = !(msg instanceof LastHttpContent);
        consumed = true;
        observe((HttpRequest) msg, answer, start, ctx);
        ReferenceCountUtil.release(msg);
        write(ctx, answer);
    }

    /** A failure here is left to the full route, which answers (or reports) it as it always did. */
    private CachedHits.Answer answer(ChannelHandlerContext ctx, HttpRequest request) {
        try {
            return hits.answer(request, ctx.channel().remoteAddress());
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** A failure to record is no reason to leave the visitor without the answer. */
    private void observe(HttpRequest request, CachedHits.Answer answer, long start, ChannelHandlerContext ctx) {
        try {
            hits.observe(request, answer, start, ctx.channel().remoteAddress());
        } catch (RuntimeException e) {
            // counted nowhere: the metrics and the access log miss this one request
        }
    }

    private void write(ChannelHandlerContext ctx, CachedHits.Answer answer) {
        boolean keepAlive = HttpUtil.isKeepAlive(answer.message());
        Object last = answer.message();
        if (answer.file() != null) {
            if (keepAlive && !corked) {
                corked = cork(ctx, true);
            }
            ctx.write(answer.message(), ctx.voidPromise());
            ctx.write(answer.file(), ctx.voidPromise());
            last = LastHttpContent.EMPTY_LAST_CONTENT;
        }
        if (keepAlive) {
            ctx.write(last, ctx.voidPromise());
            unflushed = true;
        } else {
            closing = true;
            ctx.writeAndFlush(last).addListener(ChannelFutureListener.CLOSE);
        }
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        // one flush for all the pipelined answers of this read
        if (unflushed) {
            unflushed = false;
            ctx.flush();
        }
        if (corked) {
            corked = false;
            cork(ctx, false);
        }
        // Reactor Netty reads on demand (no auto-read) and asks for more only after its own answers are written; with
        // nothing handed to it, asking is this handler's job, or the connection stalls. Like Reactor Netty, it waits
        // while the client is not taking its answers, so a client that only sends cannot fill the server's memory.
        if (consumed && unanswered == 0 && !closing && !ctx.channel().config().isAutoRead()) {
            requestNext(ctx);
        }
        consumed = false;
        ctx.fireChannelReadComplete();
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        if (readWanted && ctx.channel().isWritable()) {
            readWanted = false;
            ctx.read();
        }
        ctx.fireChannelWritabilityChanged();
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        boolean informational = msg instanceof HttpResponse response && response.status().code() < 200;
        if (msg instanceof HttpResponse response && !informational && !HttpUtil.isKeepAlive(response)) {
            // Reactor Netty ends the connection after this answer and answers nothing read later: neither does this
            closing = true;
        }
        if (msg instanceof LastHttpContent && unanswered > 0 && !informational && --unanswered == 0 && !closing
                && !ctx.channel().config().isAutoRead()) {
            // Reactor Netty does not always ask for the next request once requests it never saw were answered here
            // (found under load: a request stayed unread in the socket); once its last answer is out, ask here
            promise = promise.unvoid();
            promise.addListener(written -> {
                if (written.isSuccess()) {
                    requestNext(ctx);
                }
            });
        }
        ctx.write(msg, promise);
    }

    private void requestNext(ChannelHandlerContext ctx) {
        if (ctx.channel().isWritable()) {
            ctx.read();
        } else {
            readWanted = true;
        }
    }

    /** @return whether the transport corked (epoll does; others send the head in a segment of its own) */
    private static boolean cork(ChannelHandlerContext ctx, boolean on) {
        return ctx.channel().isOpen() && ctx.channel().config().setOption(EpollChannelOption.TCP_CORK, on);
    }
}
