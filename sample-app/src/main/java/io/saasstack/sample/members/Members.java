package io.saasstack.sample.members;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Component;

/**
 * The members, in memory (a real application keeps them in its database).
 */
@Component
public class Members {

	private final Map<String, Member> members = new ConcurrentHashMap<>();

	/** Adds a member unless one with this id exists; returns the member and whether it is new. */
	Joined join(String id, @Nullable String email, @Nullable String name) {
		Member fresh = new Member(id, email, name, Plan.FREE, null, Instant.now());
		Member existing = this.members.putIfAbsent(id, fresh);
		return (existing != null) ? new Joined(existing, false) : new Joined(fresh, true);
	}

	public Optional<Member> find(String id) {
		return Optional.ofNullable(this.members.get(id));
	}

	public Member changePlan(String id, Plan plan) {
		return this.members.computeIfPresent(id, (key, member) -> member.withPlan(plan));
	}

	Member changeAvatar(String id, String avatarPath) {
		return this.members.computeIfPresent(id, (key, member) -> member.withAvatar(avatarPath));
	}

	record Joined(Member member, boolean isNew) {
	}

}
