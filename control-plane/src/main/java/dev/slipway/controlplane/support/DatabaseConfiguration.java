package dev.slipway.controlplane.support;

import com.zaxxer.hikari.HikariDataSource;
import dev.slipway.db.EmbeddedPostgres;
import java.io.IOException;
import java.time.Duration;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The database: an external PostgreSQL when {@code datasource-url} is set, otherwise the embedded one under the data
 * directory, started here and stopped when the context closes.
 */
@Configuration(proxyBeanMethods = false)
class DatabaseConfiguration {

    private static final Logger log = LoggerFactory.getLogger(DatabaseConfiguration.class);

    @Bean(destroyMethod = "close")
    EmbeddedDatabase embeddedDatabase(ControlPlaneProperties properties) throws IOException {
        if (!properties.datasourceUrl().isBlank()) {
            return EmbeddedDatabase.NONE;
        }
        var dir = properties.absoluteDataDir().resolve("postgres");
        long started = System.nanoTime();
        EmbeddedPostgres postgres = EmbeddedPostgres.start(dir);
        log.info("Embedded PostgreSQL on port {} with data in {} ({} ms)", postgres.port(), dir,
                (System.nanoTime() - started) / 1_000_000);
        return new EmbeddedDatabase(postgres);
    }

    @Bean(destroyMethod = "close")
    HikariDataSource dataSource(ControlPlaneProperties properties, EmbeddedDatabase embedded) {
        HikariDataSource dataSource = new HikariDataSource();
        if (embedded.postgres() != null) {
            dataSource.setJdbcUrl(embedded.postgres().jdbcUrl());
        } else {
            dataSource.setJdbcUrl(properties.datasourceUrl());
            dataSource.setUsername(properties.datasourceUsername());
            dataSource.setPassword(properties.datasourcePassword());
        }
        dataSource.setMaximumPoolSize(20);
        dataSource.setPoolName("slipway");
        // Riding out a PostgreSQL restart or failover: a request waits at most 10 s for a connection (less than a
        // runner's 15 s call timeout, so it gets an error it retries rather than a hang), idle connections are
        // tested every 30 s so the dead ones a restart leaves are replaced in the background, and a borrowed
        // connection idle for more than an instant is validated first (Hikari's default) before it is handed out.
        dataSource.setConnectionTimeout(Duration.ofSeconds(10).toMillis());
        dataSource.setValidationTimeout(Duration.ofSeconds(3).toMillis());
        dataSource.setKeepaliveTime(Duration.ofSeconds(30).toMillis());
        dataSource.addDataSourceProperty("tcpKeepAlive", "true");
        return dataSource;
    }

    /** Holder so the embedded server outlives the pool: Spring destroys beans in reverse dependency order. */
    record EmbeddedDatabase(EmbeddedPostgres postgres) implements AutoCloseable {
        static final EmbeddedDatabase NONE = new EmbeddedDatabase(null);

        @Override
        public void close() throws IOException {
            if (postgres != null) {
                postgres.close();
            }
        }
    }
}
