package io.saasstack.auth;

import java.util.Map;

/**
 * {@link UserDirectory} over a {@link ReactiveUserDirectory}.
 *
 * @since 0.1.0
 */
public final class BlockingUserDirectory implements UserDirectory {

	private final ReactiveUserDirectory directory;

	public BlockingUserDirectory(ReactiveUserDirectory directory) {
		this.directory = directory;
	}

	@Override
	public String provider() {
		return this.directory.provider();
	}

	@Override
	public DirectoryUser get(String id) {
		return this.directory.get(id).block();
	}

	@Override
	public UserPage list(int page, int size) {
		return this.directory.list(page, size).block();
	}

	@Override
	public DirectoryUser updateMetadata(String id, Map<String, ?> publicMetadata, Map<String, ?> privateMetadata) {
		return this.directory.updateMetadata(id, publicMetadata, privateMetadata).block();
	}

	@Override
	public DirectoryUser ban(String id) {
		return this.directory.ban(id).block();
	}

	@Override
	public DirectoryUser unban(String id) {
		return this.directory.unban(id).block();
	}

	@Override
	public void delete(String id) {
		this.directory.delete(id).block();
	}

}
