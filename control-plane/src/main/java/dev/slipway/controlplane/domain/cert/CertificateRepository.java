package dev.slipway.controlplane.domain.cert;

import dev.slipway.controlplane.support.JsonColumns;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code domain_certificates} table. */
@Repository
public class CertificateRepository {

    private static final String COLUMNS = """
            domain_name, source, hosts, bundle_hash, serial_number, not_before, not_after, route_version""";

    private final JdbcClient jdbc;
    private final JsonColumns json;

    public CertificateRepository(JdbcClient jdbc, JsonColumns json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    void upsert(StoredCertificate certificate, String chainPem, String sealedKey) {
        jdbc.sql("INSERT INTO domain_certificates (" + COLUMNS + ", chain_pem, key_enc) "
                        + "VALUES (?, ?, ?::jsonb, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (domain_name) DO UPDATE SET "
                        + "source = excluded.source, hosts = excluded.hosts, bundle_hash = excluded.bundle_hash, "
                        + "serial_number = excluded.serial_number, not_before = excluded.not_before, "
                        + "not_after = excluded.not_after, route_version = excluded.route_version, "
                        + "chain_pem = excluded.chain_pem, key_enc = excluded.key_enc, create_time = now()")
                .params(certificate.domainName(), certificate.source(), json.writeValue(certificate.hosts()),
                        certificate.bundleHash(), certificate.serialNumber(),
                        Timestamp.from(certificate.notBefore()), Timestamp.from(certificate.notAfter()),
                        certificate.routeVersion(), chainPem, sealedKey)
                .update();
    }

    public Optional<StoredCertificate> find(String domainName) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM domain_certificates WHERE domain_name = ?").param(domainName)
                .query(this::map).optional();
    }

    /** The domain's hosts reach edges at {@code version} (it was just verified): so does its certificate. */
    public void servedFrom(String domainName, long version) {
        jdbc.sql("UPDATE domain_certificates SET route_version = ? WHERE domain_name = ?").params(version, domainName)
                .update();
    }

    /** Lists a bundle blob for {@link CertificateBundleCollector}, which never frees one a row still references. */
    void retireBundle(String bundleHash) {
        jdbc.sql("INSERT INTO retired_certificate_bundles (bundle_hash) VALUES (?) ON CONFLICT (bundle_hash) "
                + "DO UPDATE SET retire_time = now()").param(bundleHash).update();
    }

    public void delete(String domainName) {
        jdbc.sql("DELETE FROM domain_certificates WHERE domain_name = ?").param(domainName).update();
    }

    /** Certificates of verified domains: what edges present. */
    public List<StoredCertificate> listServed() {
        return jdbc.sql("SELECT " + COLUMNS.replace("domain_name", "c.domain_name") + """
                 FROM domain_certificates c JOIN domain_associations d ON d.domain_name = c.domain_name
                WHERE d.verified ORDER BY c.domain_name""")
                .query(this::map).list();
    }

    private StoredCertificate map(ResultSet rs, int row) throws SQLException {
        return new StoredCertificate(rs.getString("domain_name"), rs.getString("source"),
                Arrays.asList(json.readValue(rs.getString("hosts"), String[].class)), rs.getString("bundle_hash"),
                rs.getString("serial_number"), rs.getTimestamp("not_before").toInstant(),
                rs.getTimestamp("not_after").toInstant(), rs.getLong("route_version"));
    }
}
