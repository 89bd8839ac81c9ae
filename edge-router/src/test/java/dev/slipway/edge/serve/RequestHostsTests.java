package dev.slipway.edge.serve;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpHeaders;
import org.junit.jupiter.api.Test;

class RequestHostsTests {

    private static HttpHeaders hosts(String... values) {
        HttpHeaders headers = new DefaultHttpHeaders();
        for (String value : values) {
            headers.add("Host", value);
        }
        return headers;
    }

    @Test
    void oneHostAndAnOriginFormTargetAreFine() {
        assertThat(RequestHosts.ambiguity(hosts("main.a.localhost:8000"), "/index.html")).isNull();
        assertThat(RequestHosts.ambiguity(hosts(), "/")).as("a missing Host is another matter").isNull();
    }

    @Test
    void twoHostHeadersAreAmbiguous() {
        assertThat(RequestHosts.ambiguity(hosts("a.localhost", "b.localhost"), "/")).contains("more than one");
        assertThat(RequestHosts.ambiguity(hosts("a.localhost", "a.localhost"), "/")).isNotNull();
    }

    @Test
    void anAbsoluteTargetMustNameTheHostHeadersHost() {
        assertThat(RequestHosts.ambiguity(hosts("A.localhost:8000"), "http://a.localhost:8000/x")).isNull();
        assertThat(RequestHosts.ambiguity(hosts("a.localhost"), "http://a.localhost:80/x")).isNull();
        assertThat(RequestHosts.ambiguity(hosts("a.localhost"), "https://a.localhost")).isNull();
        assertThat(RequestHosts.ambiguity(hosts("a.localhost:8000"), "http://b.localhost:8000/x"))
                .contains("another host");
        assertThat(RequestHosts.ambiguity(hosts("a.localhost:8000"), "http://a.localhost:9000/x")).isNotNull();
        assertThat(RequestHosts.ambiguity(hosts("a.localhost"), "http://evil@a.localhost/")).isNotNull();
        assertThat(RequestHosts.ambiguity(hosts(), "http://a.localhost/")).isNotNull();
    }
}
