package io.saasstack.sample.members;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * A member of the photo board.
 *
 * @param id the identity provider's user id
 * @param email the address welcome mails go to
 * @param name the display name, if known
 * @param plan what the member pays for
 * @param avatarPath the media path of the avatar, if one was uploaded
 * @param joinedAt when the member signed up
 */
public record Member(String id, @Nullable String email, @Nullable String name, Plan plan, @Nullable String avatarPath,
		Instant joinedAt) {

	Member withPlan(Plan plan) {
		return new Member(this.id, this.email, this.name, plan, this.avatarPath, this.joinedAt);
	}

	Member withAvatar(String avatarPath) {
		return new Member(this.id, this.email, this.name, this.plan, avatarPath, this.joinedAt);
	}

}
