package org.healthgraph.app.config;

import org.healthgraph.app.identity.Identities;
import org.healthgraph.app.web.CodeListCsv;
import org.healthgraph.app.web.EndpointPolicyFilter;
import org.healthgraph.app.web.WebRoutes;
import org.healthgraph.catalog.Catalog;
import org.healthgraph.graph.audit.AuditTrail;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.web.servlet.function.RouterFunction;
import org.springframework.web.servlet.function.ServerResponse;

/**
 * The HTTP layer's own beans: the security headers on every response, and the routes besides
 * GraphQL and the static web interface: the bundled GraphQL explorer at {@code /graphiql} and the
 * code-list CSV download ({@link WebRoutes}).
 */
@Configuration(proxyBeanMethods = false)
public class WebConfiguration {

    /** The order of Spring Security's filter chain (Spring Boot's default, SecurityFilterProperties.DEFAULT_FILTER_ORDER). */
    static final int SECURITY_FILTER_ORDER = -100;

    @Bean
    FilterRegistrationBean<SecurityHeaders> securityHeaders() {
        FilterRegistrationBean<SecurityHeaders> registration = new FilterRegistrationBean<>(new SecurityHeaders());
        registration.addUrlPatterns("/*");
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        return registration;
    }

    /** Who a request's caller is, from what Spring Security authenticated (IdentityConfiguration). */
    @Bean
    Identities identities(HealthgraphProperties properties) {
        return new Identities(properties.security().anonymous(), properties.security().grants());
    }

    /**
     * Right after Spring Security has checked the request's token (its filter chain runs at order
     * -100): an undeclared path, a caller without credentials or without the endpoint's role stops here.
     */
    @Bean
    FilterRegistrationBean<EndpointPolicyFilter> endpointPolicies(Identities identities, AuditTrail audit) {
        FilterRegistrationBean<EndpointPolicyFilter> registration = new FilterRegistrationBean<>(new EndpointPolicyFilter(identities, audit));
        registration.addUrlPatterns("/*");
        registration.setOrder(SECURITY_FILTER_ORDER + 1);
        return registration;
    }

    /** First, so that /graphiql is the bundled explorer even if Spring's own (CDN) page is switched on. */
    @Bean
    @Order(Ordered.HIGHEST_PRECEDENCE)
    RouterFunction<ServerResponse> webRoutes(Catalog catalog) {
        return new WebRoutes(new CodeListCsv(catalog)).routes();
    }
}
