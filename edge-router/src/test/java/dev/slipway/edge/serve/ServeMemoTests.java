package dev.slipway.edge.serve;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.edge.site.RoutingTable;
import io.netty.handler.codec.http.EmptyHttpHeaders;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ServeMemoTests {

    private static final ServeChoice CHOICE = new ServeChoice(HttpResponseStatus.OK, null, Encoding.IDENTITY, null,
            false, EmptyHttpHeaders.INSTANCE, null);
    private static final StaticFastPath.PlainHttpScope SCOPE =
            new StaticFastPath.PlainHttpScope(new RoutingTable(1, Map.of()), -1);

    private final ServeMemo memo = new ServeMemo();

    @Test
    void aChoiceIsRememberedForItsScopeAndKeyOnly() {
        ServeMemo.Key key = new ServeMemo.Key("a.localhost", "/x", null);
        memo.put(SCOPE, key, CHOICE);

        assertThat(memo.get(SCOPE, new ServeMemo.Key("a.localhost", "/x", null))).isSameAs(CHOICE);
        assertThat(memo.get(SCOPE, new ServeMemo.Key("a.localhost", "/x", "gzip"))).isNull();
        assertThat(memo.get(new StaticFastPath.PlainHttpScope(SCOPE.table(), 8443), key))
                .as("HTTPS coming up may turn the answer into a redirect").isNull();
        assertThat(memo.get(new StaticFastPath.PlainHttpScope(new RoutingTable(1, Map.of()), -1), key))
                .as("another table, even an equal one").isNull();
    }

    @Test
    void aFullMemoStartsOver() {
        for (int i = 0; i < ServeMemo.CAPACITY; i++) {
            memo.put(SCOPE, new ServeMemo.Key("a.localhost", "/" + i, null), CHOICE);
        }
        assertThat(memo.size()).isEqualTo(ServeMemo.CAPACITY);

        memo.put(SCOPE, new ServeMemo.Key("a.localhost", "/one-more", null), CHOICE);

        assertThat(memo.size()).isEqualTo(1);
        assertThat(memo.get(SCOPE, new ServeMemo.Key("a.localhost", "/0", null))).isNull();
    }
}
