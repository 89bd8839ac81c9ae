package dev.slipway.controlplane.notification;

import dev.slipway.controlplane.support.ControlPlaneProperties;
import dev.slipway.controlplane.support.NotificationSettings;
import java.util.Properties;
import org.springframework.mail.MailAuthenticationException;
import org.springframework.mail.MailException;
import org.springframework.mail.SimpleMailMessage;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.stereotype.Component;

/** Sends notification emails through the SMTP server of {@code SLIPWAY_SMTP_*}; plain text, one recipient each. */
@Component
class EmailSender {

    private final NotificationSettings settings;
    private final JavaMailSenderImpl mail = new JavaMailSenderImpl();

    EmailSender(ControlPlaneProperties properties) {
        this.settings = properties.notifications();
        mail.setHost(settings.smtpHost());
        mail.setPort(settings.smtpPort());
        if (!settings.smtpUsername().isBlank()) {
            mail.setUsername(settings.smtpUsername());
            mail.setPassword(settings.smtpPassword());
        }
        String timeout = Long.toString(settings.requestTimeout().toMillis());
        Properties javaMail = mail.getJavaMailProperties();
        javaMail.setProperty("mail.smtp.auth", Boolean.toString(!settings.smtpUsername().isBlank()));
        javaMail.setProperty("mail.smtp.starttls.enable", Boolean.toString(settings.smtpStarttls()));
        javaMail.setProperty("mail.smtp.starttls.required", Boolean.toString(settings.smtpStarttls()));
        javaMail.setProperty("mail.smtp.connectiontimeout", timeout);
        javaMail.setProperty("mail.smtp.timeout", timeout);
        javaMail.setProperty("mail.smtp.writetimeout", timeout);
    }

    void send(NotificationDelivery delivery) throws DeliveryFailure {
        if (!settings.emailConfigured()) {
            throw new DeliveryFailure("No SMTP server is configured (SLIPWAY_SMTP_HOST).", false);
        }
        SimpleMailMessage message = new SimpleMailMessage();
        message.setFrom(settings.smtpFrom());
        message.setTo(delivery.target());
        message.setSubject(delivery.subject());
        message.setText(delivery.body());
        try {
            mail.send(message);
        } catch (MailAuthenticationException e) {
            throw new DeliveryFailure("The SMTP server refused the credentials (SLIPWAY_SMTP_USERNAME/_PASSWORD): "
                    + e.getMessage(), false);
        } catch (MailException e) {
            throw new DeliveryFailure("The SMTP server did not take the email: " + e.getMessage(), true);
        }
    }
}
