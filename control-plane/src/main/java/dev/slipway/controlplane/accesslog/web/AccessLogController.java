package dev.slipway.controlplane.accesslog.web;

import dev.slipway.controlplane.accesslog.AccessLogExport;
import dev.slipway.controlplane.identity.RequiresRole;
import dev.slipway.controlplane.identity.Role;
import dev.slipway.controlplane.identity.RoleExempt;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Instant;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/v1/apps/{appId}/accesslogs} (Amplify's GenerateAccessLogs) for the app's team, and the signed link
 * it answers, which works without credentials until it expires (like a presigned S3 URL).
 */
@RestController
class AccessLogController {

    private final AccessLogExport export;

    AccessLogController(AccessLogExport export) {
        this.export = export;
    }

    /** Amplify's GenerateAccessLogsRequest; times as ISO-8601 or epoch seconds. */
    record GenerateRequest(String domainName, Instant startTime, Instant endTime) {
    }

    record GenerateResult(String logUrl) {
    }

    @RequiresRole(Role.VIEWER)
    @PostMapping("/api/v1/apps/{appId}/accesslogs")
    GenerateResult generate(@PathVariable String appId, @RequestBody(required = false) GenerateRequest request) {
        GenerateRequest body = request == null ? new GenerateRequest(null, null, null) : request;
        return new GenerateResult(export.absoluteLinkFor(
                new AccessLogExport.Window(appId, body.domainName(), body.startTime(), body.endTime())));
    }

    @RoleExempt("the link's signature is the credential (AccessLogExport)")
    @GetMapping(AccessLogExport.DOWNLOAD_PATH + "{appId}")
    void download(@PathVariable String appId, @RequestParam String domainName, @RequestParam long startTime,
            @RequestParam long endTime, @RequestParam long expires, @RequestParam String signature,
            HttpServletResponse response) throws IOException {
        AccessLogExport.Window window = new AccessLogExport.Window(appId, domainName,
                Instant.ofEpochSecond(startTime), Instant.ofEpochSecond(endTime));
        export.check(window, expires, signature);
        response.setContentType("text/csv;charset=UTF-8");
        response.setHeader(HttpHeaders.CACHE_CONTROL, CacheControl.noStore().getHeaderValue());
        response.setHeader(HttpHeaders.CONTENT_DISPOSITION,
                "attachment; filename=\"" + appId + "-access-logs-" + startTime + ".csv\"");
        export.write(window, response.getOutputStream());
    }
}
