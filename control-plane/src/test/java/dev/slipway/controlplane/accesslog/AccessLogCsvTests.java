package dev.slipway.controlplane.accesslog;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.protocol.accesslog.AccessLogEntry;
import org.junit.jupiter.api.Test;

class AccessLogCsvTests {

    @Test
    void aBlockedRequestIsCloudFrontsErrorWithTheReasonAndUnknownFieldsAreDashes() {
        AccessLogEntry blocked = new AccessLogEntry(1_767_225_599_500L, "edge-7f-42", "www.example.com", "d1", null,
                null, "POST", "/login", null, 403, 0, 1_500, "2001:db8::1", 0, null, null, "https", "HTTP/1.1",
                "Blocked", "rate-limit", null);
        String[] fields = AccessLogCsv.line(blocked).stripTrailing().split(",", -1);
        assertThat(AccessLogCsv.COLUMNS).hasSize(33);
        assertThat(fields).hasSize(33);
        assertThat(fields[0] + " " + fields[1]).isEqualTo("2025-12-31 23:59:59");
        assertThat(fields[2]).isEqualTo("edge-7f");
        assertThat(fields[10]).isEqualTo("-");
        assertThat(fields[11]).isEqualTo("-");
        assertThat(fields[13]).isEqualTo("Error");
        assertThat(fields[18]).isEqualTo("0.002");
        assertThat(fields[26]).isEqualTo("-");
        assertThat(fields[28]).isEqualTo("Blocked-rate-limit");
        assertThat(fields[29]).isEqualTo("-");
    }
}
