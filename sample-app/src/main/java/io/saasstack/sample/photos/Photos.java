package io.saasstack.sample.photos;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import io.saasstack.events.TrackEvent;
import io.saasstack.media.MediaStorage;
import io.saasstack.media.UploadRequest;
import io.saasstack.media.UploadResult;

import org.springframework.core.io.Resource;
import org.springframework.stereotype.Service;

/**
 * The photos of the board: files at the media provider, captions here (in memory).
 */
@Service
class Photos {

	private final Map<String, Photo> photos = new ConcurrentHashMap<>();

	private final MediaStorage mediaStorage;

	Photos(MediaStorage mediaStorage) {
		this.mediaStorage = mediaStorage;
	}

	@TrackEvent(channel = "photos", event = "Photo Uploaded", icon = "📸", userId = "#ownerId",
			description = "#title")
	public Photo upload(String ownerId, Resource file, String title) {
		UploadResult uploaded = this.mediaStorage
			.upload(UploadRequest.of(file, file.getFilename()).inFolder("board/" + ownerId).withTags("board"));
		Photo photo = new Photo(UUID.randomUUID().toString(), uploaded.id(), uploaded.path(), title, ownerId, Instant.now());
		this.photos.put(photo.id(), photo);
		return photo;
	}

	List<Photo> newestFirst() {
		return this.photos.values().stream().sorted(Comparator.comparing(Photo::uploadedAt).reversed()).toList();
	}

	Optional<Photo> find(String id) {
		return Optional.ofNullable(this.photos.get(id));
	}

	void delete(Photo photo) {
		this.mediaStorage.delete(photo.mediaId());
		this.photos.remove(photo.id());
	}

}
