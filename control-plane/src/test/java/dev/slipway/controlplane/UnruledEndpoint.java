package dev.slipway.controlplane;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * An endpoint someone forgot to give a role rule, present only in tests: RoleMatrixIntegrationTests checks that
 * nobody, not even an owner, can call it.
 */
@RestController
class UnruledEndpoint {

    static final String PATH = "/api/v1/test-only/unruled";

    @GetMapping(PATH)
    String unruled() {
        return "should never be answered";
    }
}
