package dev.slipway.controlplane.identity;

import dev.slipway.controlplane.support.ProblemResponses;
import jakarta.servlet.DispatcherType;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.WebSecurityCustomizer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;
import org.springframework.security.web.firewall.StrictHttpFirewall;

/**
 * Every request meets exactly one filter chain, chosen by its decoded, normalised path (Spring's path patterns match
 * decoded segments, and the firewall refuses {@code ..}, {@code //} and {@code ;} before any chain is chosen), and
 * every chain denies unless its own credential was shown:
 * <ul>
 * <li>{@code /runner/**}, {@code /edge/**}, {@code /api/**}: a bearer token of that path's {@link TokenKind} and no
 * other (stateless, no CSRF: nothing there reads a cookie);</li>
 * <li>git host and incoming webhooks, access log links, manual deploys' upload URLs: their controllers check a
 * signature or the URL's token, so the chain lets them through; health checks answer anyone;</li>
 * <li>{@code /actuator/prometheus}: an admin API token or an allowed address (metrics.MetricsSecurity);</li>
 * <li>everything else is the console: a signed-in session, CSRF tokens on every form.</li>
 * </ul>
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

    @Bean
    @Order(1)
    SecurityFilterChain runnerEndpoints(HttpSecurity http, TokenService tokens) throws Exception {
        return machineChain(http, tokens, TokenKind.RUNNER);
    }

    @Bean
    @Order(2)
    SecurityFilterChain edgeEndpoints(HttpSecurity http, TokenService tokens) throws Exception {
        return machineChain(http, tokens, TokenKind.EDGE);
    }

    @Bean
    @Order(3)
    SecurityFilterChain userApi(HttpSecurity http, TokenService tokens) throws Exception {
        return machineChain(http, tokens, TokenKind.USER);
    }

    @Bean
    @Order(4)
    SecurityFilterChain signedEndpoints(HttpSecurity http) throws Exception {
        http.securityMatcher("/hooks/**", "/webhooks", "/webhooks/**", "/uploads/**", "/actuator/health",
                "/actuator/health/**", "/access-log-downloads/**");
        stateless(http).authorizeHttpRequests(requests -> requests.anyRequest().permitAll());
        return http.build();
    }

    private static SecurityFilterChain machineChain(HttpSecurity http, TokenService tokens, TokenKind kind)
            throws Exception {
        http.securityMatcher(kind.pathPattern());
        stateless(http)
                .addFilterBefore(new BearerTokenFilter(tokens, kind), AnonymousAuthenticationFilter.class)
                .exceptionHandling(errors -> errors
                        .authenticationEntryPoint((request, response, e) -> MachineAuthentication.unauthorized(response))
                        .accessDeniedHandler((request, response, e) -> ProblemResponses.write(response,
                                HttpStatus.FORBIDDEN, "This needs a " + kind.name().toLowerCase() + " token.")))
                // the first dispatch was checked; an async long-poll's second dispatch carries no new credential
                .authorizeHttpRequests(requests -> requests
                        .dispatcherTypeMatchers(DispatcherType.ASYNC, DispatcherType.ERROR).permitAll()
                        .anyRequest().hasAuthority(MachineAuthentication.authorityOf(kind)));
        return http.build();
    }

    private static HttpSecurity stateless(HttpSecurity http) throws Exception {
        return http.csrf(csrf -> csrf.disable())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(cache -> cache.disable());
    }

    /** Last: it takes every path the chains before it (metrics: MetricsSecurity) did not match. */
    @Bean
    @Order(10)
    SecurityFilterChain console(HttpSecurity http, LoginThrottle throttle) throws Exception {
        http.authorizeHttpRequests(requests -> requests
                        .requestMatchers("/login", "/invitations/*", "/css/**", "/js/**", "/webjars/**", "/favicon.ico", "/error").permitAll()
                        // the API's description is no secret: tools read it without an account
                        .requestMatchers("/v3/api-docs", "/v3/api-docs/**", "/api-docs", "/swagger-ui/**").permitAll()
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
     * the {@code %2F} through undecoded (TomcatConfiguration), so the firewall also sees a literal '%'. Chains are
     * chosen on decoded segments, so an encoded character cannot move a request from one chain to another.
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
