package dev.slipway.controlplane.metrics;

import dev.slipway.controlplane.identity.TokenService;
import dev.slipway.controlplane.support.AllowedAddresses;
import dev.slipway.controlplane.support.MetricsProperties;
import dev.slipway.controlplane.support.ProblemResponses;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;

/**
 * The security filter chain of {@code /actuator/prometheus}: stateless, denied unless {@link MetricsAccessFilter}
 * admitted the request. Ordered before the console's chain, which takes every path no other chain matched.
 */
@Configuration(proxyBeanMethods = false)
class MetricsSecurity {

    static final String PATH = "/actuator/prometheus";

    @Bean
    @Order(5)
    SecurityFilterChain metricsEndpoint(HttpSecurity http, TokenService tokens, MetricsProperties properties)
            throws Exception {
        http.securityMatcher(PATH)
                .csrf(csrf -> csrf.disable())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(cache -> cache.disable())
                .addFilterBefore(new MetricsAccessFilter(AllowedAddresses.parse(properties.allowedCidrs()), tokens),
                        AnonymousAuthenticationFilter.class)
                .exceptionHandling(errors -> errors
                        .authenticationEntryPoint((request, response, e) -> ProblemResponses.write(response,
                                HttpStatus.UNAUTHORIZED, "Metrics need an admin API token."))
                        .accessDeniedHandler((request, response, e) -> ProblemResponses.write(response,
                                HttpStatus.FORBIDDEN, "Metrics need an admin API token.")))
                .authorizeHttpRequests(requests -> requests.anyRequest().hasAuthority(MetricsAccessFilter.AUTHORITY));
        return http.build();
    }
}
