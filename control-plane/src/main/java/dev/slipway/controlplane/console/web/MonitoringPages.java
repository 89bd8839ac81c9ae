package dev.slipway.controlplane.console.web;

import dev.slipway.controlplane.accesslog.AccessLogExport;
import dev.slipway.controlplane.accesslog.MinuteRollups;
import dev.slipway.controlplane.app.AppService;
import dev.slipway.controlplane.branch.BranchService;
import dev.slipway.controlplane.identity.RequiresRole;
import dev.slipway.controlplane.identity.Role;
import dev.slipway.controlplane.support.ControlPlaneProperties;
import dev.slipway.controlplane.support.Refusal;
import dev.slipway.protocol.naming.HostNames;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * An app's Monitoring page: requests, data transferred, 4xx/5xx and latency percentiles of the last hour, day or week,
 * per branch or all, from the per-minute counts (the charts refresh themselves through htmx: the same URL answers
 * only the charts for HX-Request), and the access log download (the API's signed link).
 */
@Controller
@RequiresRole(Role.VIEWER)
class MonitoringPages {

    private static final String PAGE = "/apps/{appId}/monitoring";

    private final AppService apps;
    private final BranchService branches;
    private final MinuteRollups rollups;
    private final AccessLogExport export;
    private final ControlPlaneProperties properties;

    MonitoringPages(AppService apps, BranchService branches, MinuteRollups rollups, AccessLogExport export,
            ControlPlaneProperties properties) {
        this.apps = apps;
        this.branches = branches;
        this.rollups = rollups;
        this.export = export;
        this.properties = properties;
    }

    @GetMapping(PAGE)
    String show(@PathVariable String appId, @RequestParam(defaultValue = "hour") String range,
            @RequestParam(defaultValue = "") String branch,
            @RequestHeader(value = "HX-Request", required = false) String htmx, Model model) {
        model.addAttribute("app", apps.get(appId));
        TrafficView.Range chosen = TrafficView.Range.of(range);
        Instant end = Instant.now().truncatedTo(ChronoUnit.MINUTES).plus(1, ChronoUnit.MINUTES);
        Instant start = end.minus(chosen.length);
        String only = branch.isBlank() ? null : branch;
        model.addAttribute("traffic", TrafficView.of(chosen, end, rollups.minutes(appId, only, start, end)));
        model.addAttribute("branch", branch);
        model.addAttribute("range", chosen.name().toLowerCase(java.util.Locale.ROOT));
        if (htmx != null) {
            return "monitoring :: charts";
        }
        String defaultDomain = appId + "." + properties.baseDomain();
        model.addAttribute("branches", branches.list(appId).stream().map(b -> b.branchName()).toList());
        model.addAttribute("domains", branches.list(appId).stream()
                .map(b -> HostNames.branchHost(b.branchName(), defaultDomain)).toList());
        model.addAttribute("logEnd", LocalDateTime.ofInstant(end, ZoneOffset.UTC).toString());
        model.addAttribute("logStart", LocalDateTime.ofInstant(end.minus(1, ChronoUnit.HOURS), ZoneOffset.UTC)
                .toString());
        return "monitoring";
    }

    /** The form's times are UTC (datetime-local carries no zone); the answer is the signed link itself. */
    @PostMapping(PAGE + "/access-logs")
    String accessLogs(@PathVariable String appId, @RequestParam(defaultValue = "") String domainName,
            @RequestParam(defaultValue = "") String startTime, @RequestParam(defaultValue = "") String endTime,
            RedirectAttributes redirect) {
        String[] link = new String[1];
        boolean made = FormAttempts.attempt(redirect, "logError", () -> link[0] = export.linkFor(
                new AccessLogExport.Window(appId, domainName, utc(startTime), utc(endTime))));
        return made ? "redirect:" + link[0] : "redirect:/apps/" + appId + "/monitoring";
    }

    private static Instant utc(String dateTime) {
        try {
            return dateTime.isBlank() ? null : LocalDateTime.parse(dateTime).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            throw Refusal.invalid("Times look like 2026-01-31T12:00 (UTC): " + dateTime);
        }
    }
}
