package io.saasstack;

import java.util.Collection;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The cases a vector runner ran, to assert after all of them ({@code @AfterAll}) that there was
 * at least one and that every case selected from the file ran, instead of hard-coding counts.
 */
public final class VectorRuns {

	private final Set<String> ran = ConcurrentHashMap.newKeySet();

	/** Records that the case of this id ran to its end. */
	public void ran(String id) {
		this.ran.add(id);
	}

	/**
	 * Asserts that at least one case was selected and that every selected case ran; when none ran
	 * at all (another method of the class was run alone), there is nothing to check.
	 */
	public void assertEveryCaseRan(Collection<String> selected) {
		assertThat(selected).as("vector cases selected").isNotEmpty();
		if (!this.ran.isEmpty()) {
			assertThat(this.ran).as("vector cases that ran").containsExactlyInAnyOrderElementsOf(selected);
		}
	}

}
