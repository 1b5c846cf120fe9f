package io.saasstack.docs.reactive;

import io.saasstack.auth.SaasUser;
import io.saasstack.auth.security.SaasServerResourceServer;
import io.saasstack.events.TrackEvent;
import io.saasstack.mail.Email;
import io.saasstack.mail.ReactiveMailClient;
import io.saasstack.media.ReactiveMediaStorage;
import io.saasstack.media.UploadRequest;
import io.saasstack.media.UploadResult;
import reactor.core.publisher.Mono;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.MediaType;
import org.springframework.http.codec.multipart.FilePart;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.stereotype.Service;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;

// The README's "Reactive applications (WebFlux)" example, compared with the README and run by ReactiveReadmeExampleTests.
// tag::readme[]
@Configuration
class ApiSecurity {

	@Bean
	SecurityWebFilterChain api(ServerHttpSecurity http, SaasServerResourceServer saasServerResourceServer) {
		return http
			.authorizeExchange((exchanges) -> exchanges.pathMatchers("/public/**", "/actuator/health/**")
				.permitAll()
				.anyExchange()
				.authenticated())
			.csrf(ServerHttpSecurity.CsrfSpec::disable) // a stateless token API: see "Security rules"
			.oauth2ResourceServer(saasServerResourceServer)
			.build();
	}

}

@Service
class Albums {

	// fires when the Mono completes, once per subscription: a Mono subscribed twice fires twice
	@TrackEvent(channel = "albums", event = "Album Shared", userId = "#user.id()", tags = "album=#albumId")
	Mono<String> share(SaasUser user, String albumId) {
		return Mono.just("https://photos.example.com/albums/" + albumId);
	}

}

@RestController
class PhotoController {

	private final ReactiveMediaStorage storage;

	private final ReactiveMailClient mail;

	private final Albums albums;

	PhotoController(ReactiveMediaStorage storage, ReactiveMailClient mail, Albums albums) {
		this.storage = storage;
		this.mail = mail;
		this.albums = albums;
	}

	@GetMapping("/public/ping")
	Mono<String> ping() {
		return Mono.just("pong");
	}

	@GetMapping("/me")
	Mono<String> me(@AuthenticationPrincipal SaasUser user) {
		return Mono.just(user.id() + " " + user.email());
	}

	// streamed to ImageKit or Cloudinary as the parts arrive: never held whole in memory
	@PostMapping(path = "/photos", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
	Mono<UploadResult> upload(@AuthenticationPrincipal SaasUser user, @RequestPart("file") FilePart file) {
		return this.storage.upload(UploadRequest.of(file).inFolder("photos/" + user.id()));
	}

	@PostMapping("/albums/{id}/share")
	Mono<String> share(@AuthenticationPrincipal SaasUser user, @PathVariable String id) {
		return this.albums.share(user, id)
			.flatMap((link) -> this.mail
				.send(Email.builder().to(user.email()).subject("Your album").text(link).build(),
						"album-shared/" + id + "/" + user.id()) // idempotency key: a retry is sent once
				.thenReturn(link));
	}

}
// end::readme[]
