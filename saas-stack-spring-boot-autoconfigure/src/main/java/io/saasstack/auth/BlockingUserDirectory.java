package io.saasstack.auth;

import java.util.Map;

import io.saasstack.core.BlockingCalls;

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
		BlockingCalls.requireBlockingAllowed("UserDirectory.get", "ReactiveUserDirectory");
		return this.directory.get(id).block();
	}

	@Override
	public UserPage list(int page, int size) {
		BlockingCalls.requireBlockingAllowed("UserDirectory.list", "ReactiveUserDirectory");
		return this.directory.list(page, size).block();
	}

	@Override
	public DirectoryUser updateMetadata(String id, Map<String, ?> publicMetadata, Map<String, ?> privateMetadata) {
		BlockingCalls.requireBlockingAllowed("UserDirectory.updateMetadata", "ReactiveUserDirectory");
		return this.directory.updateMetadata(id, publicMetadata, privateMetadata).block();
	}

	@Override
	public DirectoryUser ban(String id) {
		BlockingCalls.requireBlockingAllowed("UserDirectory.ban", "ReactiveUserDirectory");
		return this.directory.ban(id).block();
	}

	@Override
	public DirectoryUser unban(String id) {
		BlockingCalls.requireBlockingAllowed("UserDirectory.unban", "ReactiveUserDirectory");
		return this.directory.unban(id).block();
	}

	@Override
	public void delete(String id) {
		BlockingCalls.requireBlockingAllowed("UserDirectory.delete", "ReactiveUserDirectory");
		this.directory.delete(id).block();
	}

}
