package org.healthgraph.catalog.archfixture;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.stereotype.Component;

/** Deliberately wired outside app/config, with a setting read by {@code @Value}: the wiring rule must reject it. */
@Component
public class BeanOutsideAppConfig {

    private final int size;

    public BeanOutsideAppConfig(@Value("${healthgraph.fixture.size:1}") int size) {
        this.size = size;
    }

    @Bean
    public String helper() {
        return "size " + size;
    }
}
