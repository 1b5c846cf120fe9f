package io.saasstack.sample.members;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

import io.saasstack.auth.SaasOrganization;
import io.saasstack.auth.SaasUser;
import io.saasstack.media.Crop;
import io.saasstack.media.Format;
import io.saasstack.media.Gravity;
import io.saasstack.media.MediaStorage;
import io.saasstack.media.MediaUrls;
import io.saasstack.media.Quality;
import io.saasstack.media.Transformation;
import io.saasstack.media.UploadRequest;
import io.saasstack.media.UploadResult;
import io.saasstack.sample.web.ImageContent;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/**
 * The signed-in member: profile and avatar.
 */
@RestController
class ProfileController {

	static final Transformation AVATAR = Transformation.create()
		.width(128)
		.height(128)
		.crop(Crop.FILL)
		.gravity(Gravity.FACE)
		.maxRadius()
		.then()
		.format(Format.AUTO)
		.quality(Quality.AUTO);

	private final CurrentMember currentMember;

	private final Members members;

	private final MediaStorage mediaStorage;

	private final MediaUrls mediaUrls;

	ProfileController(CurrentMember currentMember, Members members, MediaStorage mediaStorage, MediaUrls mediaUrls) {
		this.currentMember = currentMember;
		this.members = members;
		this.mediaStorage = mediaStorage;
		this.mediaUrls = mediaUrls;
	}

	@GetMapping("/api/me")
	Map<String, Object> me(@AuthenticationPrincipal SaasUser user) {
		return profile(user, this.currentMember.of(user));
	}

	@PutMapping("/api/me/avatar")
	Map<String, Object> avatar(@AuthenticationPrincipal SaasUser user, @RequestParam("file") MultipartFile file)
			throws IOException {
		ImageContent.require(file);
		this.currentMember.of(user);
		UploadResult uploaded = this.mediaStorage
			.upload(UploadRequest.of(file.getResource(), user.id()).inFolder("avatars").overwrite(true));
		return profile(user, this.members.changeAvatar(user.id(), uploaded.path()));
	}

	private Map<String, Object> profile(SaasUser user, Member member) {
		Map<String, Object> profile = new LinkedHashMap<>();
		profile.put("id", member.id());
		profile.put("provider", user.provider());
		profile.put("email", member.email());
		profile.put("name", member.name());
		profile.put("plan", member.plan());
		SaasOrganization organization = user.organization();
		if (organization != null) {
			profile.put("organization", Map.of("id", organization.id(), "role", String.valueOf(organization.role())));
		}
		if (member.avatarPath() != null) {
			profile.put("avatar", this.mediaUrls.url(member.avatarPath(), AVATAR));
		}
		return profile;
	}

}
