package io.saasstack.sample.billing;

import io.saasstack.events.TrackEvent;
import io.saasstack.sample.members.Member;
import io.saasstack.sample.members.Members;
import io.saasstack.sample.members.Plan;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.web.server.ResponseStatusException;

/**
 * Moves a member to a better plan; LogSnag hears about every upgrade, and about refused ones.
 */
@Service
public class Billing {

	private final Members members;

	Billing(Members members) {
		this.members = members;
	}

	@TrackEvent(channel = "billing", event = "Plan Upgraded", icon = "💰", userId = "#member.id()",
			description = "'From ' + #member.plan() + ' to ' + #plan", tags = { "plan=#plan.name().toLowerCase()" },
			pushNotification = true)
	@TrackEvent(channel = "billing", event = "Upgrade Refused", icon = "⚠️", userId = "#member.id()",
			tags = { "plan=#plan.name().toLowerCase()" }, when = TrackEvent.When.FAILURE)
	public Member upgrade(Member member, Plan plan) {
		if (plan.ordinal() <= member.plan().ordinal()) {
			throw new ResponseStatusException(HttpStatus.CONFLICT,
					"The plan " + plan + " is not an upgrade of " + member.plan());
		}
		return this.members.changePlan(member.id(), plan);
	}

}
