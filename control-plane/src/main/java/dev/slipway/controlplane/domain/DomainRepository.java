package dev.slipway.controlplane.domain;

import dev.slipway.controlplane.domain.DomainAssociation.CertificateType;
import dev.slipway.controlplane.support.JsonColumns;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code domain_associations} table. */
@Repository
public class DomainRepository {

    private static final String COLUMNS = """
            domain_name, app_id, sub_domain_settings, enable_auto_sub_domain, auto_sub_domain_patterns,
            certificate_type, verification_token, domain_status, status_reason, verified, verification_deadline,
            create_time, update_time, last_verified_time, record_missing_since""";

    private final JdbcClient jdbc;
    private final JsonColumns json;

    DomainRepository(JdbcClient jdbc, JsonColumns json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    void insert(DomainAssociation domain) {
        jdbc.sql("INSERT INTO domain_associations (" + COLUMNS + ") VALUES (?, ?, ?::jsonb, ?, ?::jsonb, ?, ?, ?, ?, ?, ?, "
                        + "?, ?, NULL, NULL)")
                .params(domain.domainName(), domain.appId(), json.writeValue(domain.subDomainSettings()),
                        domain.enableAutoSubDomain(), json.writeValue(domain.autoSubDomainCreationPatterns()),
                        domain.certificateType().name(), domain.verificationToken(), domain.domainStatus().name(),
                        domain.statusReason(), domain.verified(), Timestamp.from(domain.verificationDeadline()),
                        Timestamp.from(domain.createTime()), Timestamp.from(domain.updateTime()))
                .update();
    }

    /** Writes the settings a PATCH may change. */
    void updateSettings(DomainAssociation domain) {
        jdbc.sql("""
                UPDATE domain_associations SET sub_domain_settings = ?::jsonb, enable_auto_sub_domain = ?,
                    auto_sub_domain_patterns = ?::jsonb, certificate_type = ?, update_time = now()
                WHERE domain_name = ?""")
                .params(json.writeValue(domain.subDomainSettings()), domain.enableAutoSubDomain(),
                        json.writeValue(domain.autoSubDomainCreationPatterns()), domain.certificateType().name(),
                        domain.domainName())
                .update();
    }

    public void setStatus(String domainName, DomainStatus status, String reason) {
        jdbc.sql("""
                UPDATE domain_associations SET domain_status = ?, status_reason = ?, update_time = now()
                WHERE domain_name = ?""")
                .params(status.name(), reason, domainName).update();
    }

    /** Verified now; the first re-check is due at {@code nextCheck}. */
    /**
     * {@link #setStatus} for a domain still being verified: a lookup that started before an on-demand verify
     * succeeded must not put the now verified domain back to PENDING_VERIFICATION (or FAILED) with what it saw.
     */
    void setUnverifiedStatus(String domainName, DomainStatus status, String reason) {
        jdbc.sql("""
                UPDATE domain_associations SET domain_status = ?, status_reason = ?, update_time = now()
                WHERE domain_name = ? AND NOT verified""")
                .params(status.name(), reason, domainName).update();
    }

    void markVerified(String domainName, DomainStatus status, String reason, Instant nextCheck) {
        jdbc.sql("""
                UPDATE domain_associations SET verified = TRUE, domain_status = ?, status_reason = ?,
                    last_verified_time = now(), record_missing_since = NULL, next_check_time = ?, update_time = now()
                WHERE domain_name = ?""")
                .params(status.name(), reason, Timestamp.from(nextCheck), domainName).update();
    }

    /** A re-check found the record: any warning clears. */
    void recordPresent(String domainName, Instant nextCheck) {
        jdbc.sql("""
                UPDATE domain_associations SET last_verified_time = now(), record_missing_since = NULL,
                    next_check_time = ? WHERE domain_name = ? AND verified""")
                .params(Timestamp.from(nextCheck), domainName).update();
    }

    /** A re-check did not find the record; the first miss starts the clock. */
    void recordMissing(String domainName, Instant since, Instant nextCheck) {
        jdbc.sql("""
                UPDATE domain_associations SET record_missing_since = COALESCE(record_missing_since, ?),
                    next_check_time = ? WHERE domain_name = ? AND verified""")
                .params(Timestamp.from(since), Timestamp.from(nextCheck), domainName).update();
    }

    /**
     * FAILED and no longer verified (out of the route snapshot, no renewals), unless the record came back in the
     * meantime (another check cleared {@code record_missing_since}). Whether it changed anything.
     */
    boolean failMissingRecord(String domainName, Instant missingSince, String reason) {
        return jdbc.sql("""
                UPDATE domain_associations SET verified = FALSE, domain_status = 'FAILED', status_reason = ?,
                    record_missing_since = NULL, update_time = now()
                WHERE domain_name = ? AND verified AND record_missing_since = ?""")
                .params(reason, domainName, Timestamp.from(missingSince)).update() > 0;
    }

    /** Back to PENDING_VERIFICATION with a fresh deadline (an on-demand verify of a FAILED domain). */
    void restartVerification(String domainName, Instant deadline, String reason) {
        jdbc.sql("""
                UPDATE domain_associations SET domain_status = 'PENDING_VERIFICATION', status_reason = ?,
                    verification_deadline = ?, next_check_time = now(), update_time = now()
                WHERE domain_name = ? AND NOT verified""")
                .params(reason, Timestamp.from(deadline), domainName).update();
    }

    void scheduleCheck(String domainName, Instant next) {
        jdbc.sql("UPDATE domain_associations SET next_check_time = ? WHERE domain_name = ?")
                .params(Timestamp.from(next), domainName).update();
    }

    boolean delete(String domainName) {
        return jdbc.sql("DELETE FROM domain_associations WHERE domain_name = ?").param(domainName).update() > 0;
    }

    public Optional<DomainAssociation> find(String domainName) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM domain_associations WHERE domain_name = ?").param(domainName)
                .query(this::map).optional();
    }

    List<DomainAssociation> listByApp(String appId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM domain_associations WHERE app_id = ? ORDER BY domain_name")
                .param(appId).query(this::map).list();
    }

    /** An associated domain equal to {@code name}, or a parent or child of it (their hosts would collide). */
    Optional<String> findOverlapping(String name) {
        return jdbc.sql("""
                SELECT domain_name FROM domain_associations
                WHERE domain_name = ? OR ? LIKE '%.' || domain_name OR domain_name LIKE '%.' || ? LIMIT 1""")
                .params(name, name, name).query(String.class).optional();
    }

    int countByApp(String appId) {
        return jdbc.sql("SELECT count(*) FROM domain_associations WHERE app_id = ?").param(appId)
                .query(Integer.class).single();
    }

    /** Unverified domains whose next TXT lookup is due. */
    List<DomainAssociation> dueForVerification(int limit) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM domain_associations WHERE domain_status = 'PENDING_VERIFICATION' "
                        + "AND next_check_time <= now() ORDER BY next_check_time LIMIT ?")
                .param(limit).query(this::map).list();
    }

    /** Verified domains whose periodic re-check is due. */
    List<DomainAssociation> dueForRecheck(int limit) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM domain_associations WHERE verified AND next_check_time <= now() "
                        + "ORDER BY next_check_time LIMIT ?")
                .param(limit).query(this::map).list();
    }

    /** Every verified domain: the ones edges route and certificates are kept for. */
    public List<DomainAssociation> listVerified() {
        return jdbc.sql("SELECT " + COLUMNS + " FROM domain_associations WHERE verified ORDER BY domain_name")
                .query(this::map).list();
    }

    private DomainAssociation map(ResultSet rs, int row) throws SQLException {
        return new DomainAssociation(rs.getString("domain_name"), rs.getString("app_id"),
                Arrays.asList(json.readValue(rs.getString("sub_domain_settings"), SubDomainSetting[].class)),
                rs.getBoolean("enable_auto_sub_domain"),
                Arrays.asList(json.readValue(rs.getString("auto_sub_domain_patterns"), String[].class)),
                CertificateType.valueOf(rs.getString("certificate_type")), rs.getString("verification_token"),
                DomainStatus.valueOf(rs.getString("domain_status")), rs.getString("status_reason"),
                rs.getBoolean("verified"), rs.getTimestamp("verification_deadline").toInstant(),
                rs.getTimestamp("create_time").toInstant(), rs.getTimestamp("update_time").toInstant(),
                instant(rs.getTimestamp("last_verified_time")), instant(rs.getTimestamp("record_missing_since")));
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
