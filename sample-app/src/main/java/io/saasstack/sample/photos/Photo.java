package io.saasstack.sample.photos;

import java.time.Instant;

/**
 * A photo on the board.
 *
 * @param id the board's own id (a provider's id may contain slashes)
 * @param mediaId the media provider's id (what a delete takes)
 * @param path the media path (what URLs are built from)
 * @param title the caption
 * @param ownerId the member who uploaded it
 * @param uploadedAt when it was uploaded
 */
record Photo(String id, String mediaId, String path, String title, String ownerId, Instant uploadedAt) {
}
