package dev.slipway.controlplane.domain;

/**
 * One host of a domain and the branch it serves. {@code prefix} "" is the apex, {@code www} is
 * {@code www.<domain>}, multi-level prefixes ({@code beta.alpha}) are allowed.
 */
public record SubDomainSetting(String prefix, String branchName) {

    public String host(String domainName) {
        return prefix.isEmpty() ? domainName : prefix + "." + domainName;
    }
}
