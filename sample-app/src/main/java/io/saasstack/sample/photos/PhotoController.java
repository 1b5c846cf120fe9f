package io.saasstack.sample.photos;

import java.util.List;

import io.saasstack.auth.SaasUser;
import io.saasstack.media.Crop;
import io.saasstack.media.Format;
import io.saasstack.media.Gravity;
import io.saasstack.media.MediaUrls;
import io.saasstack.media.Quality;
import io.saasstack.media.ResponsiveImage;
import io.saasstack.media.Transformation;
import io.saasstack.sample.members.CurrentMember;
import io.saasstack.sample.web.ImageContent;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.server.ResponseStatusException;

/**
 * The board: upload a photo, list them with responsive URLs, delete your own.
 */
@RestController
class PhotoController {

	static final Transformation CARD = Transformation.create()
		.aspectRatio(4, 3)
		.crop(Crop.FILL)
		.gravity(Gravity.AUTO)
		.then()
		.format(Format.AUTO)
		.quality(Quality.AUTO);

	static final Transformation THUMBNAIL = Transformation.create()
		.width(160)
		.height(160)
		.crop(Crop.FILL)
		.gravity(Gravity.AUTO)
		.then()
		.format(Format.AUTO)
		.quality(Quality.AUTO);

	private static final List<Integer> WIDTHS = List.of(320, 640, 1280);

	private static final String SIZES = "(max-width: 640px) 100vw, 640px";

	private final CurrentMember currentMember;

	private final Photos photos;

	private final MediaUrls mediaUrls;

	PhotoController(CurrentMember currentMember, Photos photos, MediaUrls mediaUrls) {
		this.currentMember = currentMember;
		this.photos = photos;
		this.mediaUrls = mediaUrls;
	}

	@PostMapping("/api/photos")
	ResponseEntity<PhotoView> upload(@AuthenticationPrincipal SaasUser user, @RequestParam("file") MultipartFile file,
			@RequestParam(name = "title", defaultValue = "Untitled") String title) {
		if (file.isEmpty()) {
			throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "The file is empty");
		}
		ImageContent.require(file);
		this.currentMember.of(user);
		Photo photo = this.photos.upload(user.id(), file.getResource(), title);
		return ResponseEntity.status(HttpStatus.CREATED).body(view(photo));
	}

	@GetMapping("/api/photos")
	List<PhotoView> board() {
		return this.photos.newestFirst().stream().map(this::view).toList();
	}

	@DeleteMapping("/api/photos/{id}")
	ResponseEntity<Void> delete(@AuthenticationPrincipal SaasUser user, @PathVariable String id) {
		Photo photo = this.photos.find(id)
			.orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "No photo " + id));
		if (!photo.ownerId().equals(user.id())) {
			throw new ResponseStatusException(HttpStatus.FORBIDDEN, "Only the owner deletes a photo");
		}
		this.photos.delete(photo);
		return ResponseEntity.noContent().build();
	}

	private PhotoView view(Photo photo) {
		ResponsiveImage image = this.mediaUrls.responsive(photo.path(), CARD, WIDTHS, SIZES);
		return new PhotoView(photo.id(), photo.title(), photo.ownerId(), image.src(), image.srcset(), image.sizes(),
				this.mediaUrls.url(photo.path(), THUMBNAIL));
	}

	/**
	 * A photo as the board shows it: {@code <img src srcset sizes>} and a square thumbnail.
	 */
	record PhotoView(String id, String title, String ownerId, String src, String srcset, String sizes,
			String thumbnail) {
	}

}
