package dev.slipway.controlplane.protection;

import dev.slipway.controlplane.support.SecretCipher;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The keys of protected deployments. Tokens are signed with Ed25519 so that edges, which only get the public key,
 * can check them but never mint one: a leaked edge snapshot does not let anyone in. The cookie key edges share is
 * derived from the master key (the same on every control plane), and edges need it anyway to set cookies.
 */
@Component
public class ProtectionKeys {

    private final JdbcClient jdbc;
    private final SecretCipher cipher;
    private volatile PrivateKey privateKey;
    private volatile String publicKey;

    ProtectionKeys(JdbcClient jdbc, SecretCipher cipher) {
        this.jdbc = jdbc;
        this.cipher = cipher;
    }

    public PrivateKey privateKey() {
        load();
        return privateKey;
    }

    /** X.509, base64. */
    public String publicKey() {
        load();
        return publicKey;
    }

    /** The HMAC key (base64) edges sign visitor cookies with. */
    public String cookieKey() {
        return Base64.getEncoder().encodeToString(cipher.derive("protected-deployments-cookie")
                .getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    private void load() {
        if (privateKey != null) {
            return;
        }
        synchronized (this) {
            if (privateKey != null) {
                return;
            }
            try {
                KeyPair generated = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
                // whichever control plane comes first writes the pair; everyone reads the stored one
                jdbc.sql("""
                        INSERT INTO protection_keys (id, private_key_encrypted, public_key) VALUES (1, ?, ?)
                        ON CONFLICT (id) DO NOTHING""")
                        .params(cipher.encrypt(Base64.getEncoder().encodeToString(generated.getPrivate().getEncoded())),
                                Base64.getEncoder().encodeToString(generated.getPublic().getEncoded()))
                        .update();
                String[] stored = jdbc.sql("SELECT private_key_encrypted, public_key FROM protection_keys WHERE id = 1")
                        .query((rs, n) -> new String[] {rs.getString(1), rs.getString(2)}).single();
                PrivateKey key = KeyFactory.getInstance("Ed25519").generatePrivate(
                        new PKCS8EncodedKeySpec(Base64.getDecoder().decode(cipher.decrypt(stored[0]))));
                publicKey = stored[1];
                privateKey = key;
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("Ed25519 is part of every JDK since 15", e);
            }
        }
    }
}
