package io.saasstack.sample.billing;

import io.saasstack.auth.SaasUser;
import io.saasstack.sample.members.CurrentMember;
import io.saasstack.sample.members.Member;
import io.saasstack.sample.members.Plan;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

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
		Member member = this.currentMember.of(user);
		return this.billing.upgrade(member, upgrade.plan());
	}

	record Upgrade(Plan plan) {
	}

}
