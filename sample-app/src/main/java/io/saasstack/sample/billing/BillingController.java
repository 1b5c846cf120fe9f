package io.saasstack.sample.billing;

import java.util.Arrays;
import java.util.stream.Collectors;

import io.saasstack.auth.SaasUser;
import io.saasstack.sample.members.CurrentMember;
import io.saasstack.sample.members.Member;
import io.saasstack.sample.members.Plan;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * Plan changes (the payment itself would be Stripe's job).
 */
@RestController
class BillingController {

	private final CurrentMember currentMember;

	private final Billing billing;

	BillingController(CurrentMember currentMember, Billing billing) {
		this.currentMember = currentMember;
		this.billing = billing;
	}

	@PostMapping("/api/billing/upgrade")
	Member upgrade(@AuthenticationPrincipal SaasUser user, @RequestBody Upgrade upgrade) {
		if (upgrade.plan() == null) {
			throw new ResponseStatusException(HttpStatus.BAD_REQUEST,
					"'plan' is required: one of "
							+ Arrays.stream(Plan.values()).map(Plan::name).collect(Collectors.joining(", ")));
		}
		Member member = this.currentMember.of(user);
		return this.billing.upgrade(member, upgrade.plan());
	}

	record Upgrade(@Nullable Plan plan) {
	}

}
