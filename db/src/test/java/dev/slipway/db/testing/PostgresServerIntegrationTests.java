package dev.slipway.db.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PostgresServerIntegrationTests {

    @TempDir
    static Path dir;

    static PostgresServer server;

    @BeforeAll
    static void start() throws Exception {
        server = PostgresServer.start(dir);
    }

    @AfterAll
    static void close() throws Exception {
        server.close();
    }

    @Test
    void a_password_user_reaches_its_database_over_tcp() throws Exception {
        assertThat(server.jdbcUrl()).isEqualTo("jdbc:postgresql://127.0.0.1:" + server.port() + "/slipway");
        try (Connection connection = server.connect(); Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery(
                        "SELECT current_user, current_database(), current_setting('server_version_num')::int")) {
            result.next();
            assertThat(result.getString(1)).isEqualTo(server.user());
            assertThat(result.getString(2)).isEqualTo("slipway");
            assertThat(result.getInt(3)).isGreaterThanOrEqualTo(150000);
        }
        assertThatThrownBy(() -> java.sql.DriverManager.getConnection(server.jdbcUrl(), server.user(), "wrong"))
                .isInstanceOf(SQLException.class).hasMessageContaining("password authentication failed");
    }

    @Test
    void a_stop_and_a_kill_keep_the_port_and_the_committed_data() throws Exception {
        int port = server.port();
        execute("CREATE TABLE IF NOT EXISTS survivors (name text)");
        execute("INSERT INTO survivors VALUES ('before stop')");

        server.stop();
        assertThat(server.isRunning()).isFalse();
        assertThatThrownBy(server::connect).isInstanceOf(SQLException.class);
        server.start();
        assertThat(server.port()).isEqualTo(port);
        execute("INSERT INTO survivors VALUES ('before kill')");

        try (Connection open = server.connect()) {
            server.kill();
            assertThatThrownBy(() -> open.createStatement().execute("SELECT 1")).isInstanceOf(SQLException.class);
        }
        server.start();
        try (Connection connection = server.connect(); Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery("SELECT string_agg(name, ',' ORDER BY name) FROM survivors")) {
            result.next();
            assertThat(result.getString(1)).isEqualTo("before kill,before stop");
        }
    }

    private static void execute(String sql) throws SQLException {
        try (Connection connection = server.connect(); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }
}
