package dev.slipway.controlplane.hoststatus;

import dev.slipway.controlplane.job.JobStatus;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A commit status to set, in Slipway's terms; each {@link HostApi} maps it to its host's states and fields.
 *
 * @param context     names the status among others on the commit (GitHub/Gitea context, GitLab name, Bitbucket key)
 * @param targetUrl   where the host's "Details" link goes: the site once deployed, else the job's console page
 * @param description one line, at most 140 characters (GitHub's limit)
 */
record StatusUpdate(String commitId, JobStatus status, String context, String targetUrl, String description) {

    /** The body GitHub, Gitea and GitLab share: their state, the context under its name there, link and text. */
    Map<String, Object> commonBody(String state, String contextField) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("state", state);
        body.put(contextField, context);
        body.put("target_url", targetUrl);
        body.put("description", description);
        return body;
    }
}
