package io.saasstack.sample.members;

import io.saasstack.auth.SaasUser;

import org.springframework.stereotype.Component;

/**
 * The member behind a verified token. A user the provider has not announced by webhook yet
 * (Supabase, or Clerk without a webhook endpoint) signs up on the first request.
 */
@Component
public class CurrentMember {

	private final Members members;

	private final SignUps signUps;

	CurrentMember(Members members, SignUps signUps) {
		this.members = members;
		this.signUps = signUps;
	}

	public Member of(SaasUser user) {
		return this.members.find(user.id()).orElseGet(() -> {
			this.signUps.signUpWithoutWaiting(user.id(), user.email());
			return this.members.find(user.id()).orElseThrow();
		});
	}

}
