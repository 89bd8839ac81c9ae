package dev.slipway.controlplane.identity;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.WebSecurityCustomizer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.firewall.StrictHttpFirewall;

/**
 * Two kinds of callers. Machines (API clients, runners, edges, git hosts) authenticate every request with a bearer
 * token or a signature, so their paths are stateless and need no CSRF token ({@link TokenAuthenticationFilter} and the
 * webhook controllers check them). People use the console with a session cookie, so every console form carries a
 * CSRF token and everything but the login page and assets needs a signed-in user.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

    @Bean
    @Order(1)
    SecurityFilterChain machineEndpoints(HttpSecurity http) throws Exception {
        http.securityMatcher("/api/**", "/runner/**", "/edge/**", "/hooks/**", "/webhooks", "/webhooks/**",
                        "/actuator/health", "/actuator/health/**")
                .csrf(csrf -> csrf.disable())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(cache -> cache.disable())
                .authorizeHttpRequests(requests -> requests.anyRequest().permitAll());
        return http.build();
    }

    @Bean
    @Order(2)
    SecurityFilterChain console(HttpSecurity http, LoginThrottle throttle) throws Exception {
        http.authorizeHttpRequests(requests -> requests
                        .requestMatchers("/login", "/invitations/*", "/css/**", "/js/**", "/webjars/**", "/favicon.ico", "/error").permitAll()
                        .anyRequest().authenticated())
                .formLogin(form -> form.loginPage("/login").defaultSuccessUrl("/apps", true)
                        .failureHandler(throttle).successHandler(throttle).permitAll())
                .logout(logout -> logout.logoutUrl("/logout").logoutSuccessUrl("/login?logout"))
                .addFilterBefore(throttle.filter(), org.springframework.security.web.authentication
                        .UsernamePasswordAuthenticationFilter.class);
        return http.build();
    }

    /**
     * Branch names such as {@code feature/x} travel as one encoded path segment ({@code feature%2Fx}); Tomcat passes
     * the {@code %2F} through undecoded (TomcatConfiguration), so the firewall also sees a literal '%'. Access rules
     * here are by path prefix, which an encoded character inside a later segment cannot change.
     */
    @Bean
    WebSecurityCustomizer encodedSlashesInBranchNames() {
        StrictHttpFirewall firewall = new StrictHttpFirewall();
        firewall.setAllowUrlEncodedSlash(true);
        firewall.setAllowUrlEncodedPercent(true);
        return web -> web.httpFirewall(firewall);
    }

    @Bean
    PasswordEncoder passwordEncoder() {
        return PasswordEncoderFactories.createDelegatingPasswordEncoder();
    }
}
