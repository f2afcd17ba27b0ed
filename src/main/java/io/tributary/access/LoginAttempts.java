package io.tributary.access;

import org.springframework.context.event.EventListener;
import org.springframework.security.authentication.event.AbstractAuthenticationFailureEvent;
import org.springframework.security.authentication.event.AuthenticationSuccessEvent;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.authentication.WebAuthenticationDetails;

/** Feeds Spring Security's login outcomes (form and basic auth) into the {@link LoginThrottle}, by client address. */
final class LoginAttempts {

    private final LoginThrottle throttle;

    LoginAttempts(LoginThrottle throttle) {
        this.throttle = throttle;
    }

    @EventListener
    void onFailure(AbstractAuthenticationFailureEvent event) {
        String address = addressOf(event.getAuthentication());
        if (address != null) {
            throttle.failed(address);
        }
    }

    @EventListener
    void onSuccess(AuthenticationSuccessEvent event) {
        String address = addressOf(event.getAuthentication());
        if (address != null) {
            throttle.succeeded(address);
        }
    }

    private static String addressOf(Authentication authentication) {
        return authentication.getDetails() instanceof WebAuthenticationDetails details ? details.getRemoteAddress() : null;
    }
}
