package dev.slipway.edge.proxy;

import dev.slipway.protocol.net.Destinations;
import io.netty.resolver.AbstractAddressResolver;
import io.netty.resolver.AddressResolver;
import io.netty.resolver.AddressResolverGroup;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.Promise;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.List;
import reactor.core.scheduler.Schedulers;

/**
 * The name resolution of the HTTP client for 200 rewrites to other origins: every address a target's host resolves
 * to is checked against {@link Destinations} (with the operator's allow list), and the client connects to exactly the
 * addresses checked here, so a DNS answer cannot change between the check and the connection (rebinding). Literal
 * addresses pass through the same check: this resolver never calls an address "already resolved".
 *
 * <p>Lookups are the JDK's (hosts file, system resolver and its cache), made on {@code boundedElastic}, never on the
 * event loop.
 */
final class CheckedAddressResolverGroup extends AddressResolverGroup<InetSocketAddress> {

    /** The target's host resolves to an address the edge may not call. */
    static final class Refused extends IOException {
        Refused(String message) {
            super(message);
        }
    }

    private final Destinations destinations;

    CheckedAddressResolverGroup(Destinations destinations) {
        this.destinations = destinations;
    }

    @Override
    protected AddressResolver<InetSocketAddress> newResolver(EventExecutor executor) {
        return new AbstractAddressResolver<>(executor, InetSocketAddress.class) {
            @Override
            protected boolean doIsResolved(InetSocketAddress address) {
                return false;
            }

            @Override
            protected void doResolve(InetSocketAddress address, Promise<InetSocketAddress> promise) {
                Schedulers.boundedElastic().schedule(() -> {
                    try {
                        promise.trySuccess(checked(address).getFirst());
                    } catch (IOException e) {
                        promise.tryFailure(e);
                    }
                });
            }

            @Override
            protected void doResolveAll(InetSocketAddress address, Promise<List<InetSocketAddress>> promise) {
                Schedulers.boundedElastic().schedule(() -> {
                    try {
                        promise.trySuccess(checked(address));
                    } catch (IOException e) {
                        promise.tryFailure(e);
                    }
                });
            }
        };
    }

    /** The addresses of the host that may be called; refused when there is none. */
    List<InetSocketAddress> checked(InetSocketAddress address) throws UnknownHostException, Refused {
        String host = address.getHostString();
        InetAddress[] found = address.isUnresolved() ? InetAddress.getAllByName(host)
                : new InetAddress[] {address.getAddress()};
        List<InetAddress> callable = destinations.callable(found);
        if (callable.isEmpty()) {
            throw new Refused(host + " resolves to " + destinations.refusal(found[0]));
        }
        return callable.stream().map(ip -> new InetSocketAddress(ip, address.getPort())).toList();
    }
}
