package io.saasstack.sample.photos;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.saasstack.auth.SaasMachine;
import io.saasstack.auth.SaasPrincipal;

import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The board report, for a signed-in member (their own photos) or for a machine: the nightly
 * report job calls it with a Clerk M2M token (or an API key) carrying the scope
 * {@code reports:read}, and gets the whole board.
 */
@RestController
class PhotoReportController {

	private final Photos photos;

	PhotoReportController(Photos photos) {
		this.photos = photos;
	}

	@GetMapping("/api/reports")
	@PreAuthorize("principal instanceof T(io.saasstack.auth.SaasUser) or hasAuthority('SCOPE_reports:read')")
	public Map<String, Object> report(@AuthenticationPrincipal SaasPrincipal principal) {
		List<Photo> photos = this.photos.newestFirst();
		Map<String, Object> report = new LinkedHashMap<>();
		if (principal instanceof SaasMachine machine) {
			report.put("scope", "board");
			report.put("requestedBy", machine.subject());
			report.put("tokenType", machine.tokenType().id());
		}
		else {
			photos = photos.stream().filter((photo) -> photo.ownerId().equals(principal.subject())).toList();
			report.put("scope", "member");
			report.put("requestedBy", principal.subject());
			report.put("tokenType", principal.tokenType().id());
		}
		report.put("photos", photos.size());
		report.put("uploaders", photos.stream().map(Photo::ownerId).distinct().count());
		return report;
	}

}
