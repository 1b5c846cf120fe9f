package io.saasstack;

import java.util.List;

import io.saasstack.core.SaasJson;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link VectorCase} and {@link VectorRuns}: a case whose fields a runner does not map
 * fails naming them, even when the runner's own assertions passed; no case, or a case that did
 * not run, fails the run.
 */
class VectorCaseTests {

	static final JsonNode CASE = SaasJson.mapper().readTree("""
			{"id":"cld-x","kind":"url","source":"doc","notes":"n",
			 "config":{"cloud_name":"demo","private_cdn":true,"auth_token":{"key":"k","duration":300}},
			 "input":{"public_id":"sample"},"expected":"https://demo-res.cloudinary.com/image/upload/sample"}
			""");

	@Test
	void aCaseWhoseFieldsAreAllReadPasses() {
		VectorCase.run(CASE, (v) -> {
			v.text("config.cloud_name");
			v.get("config.private_cdn");
			v.get("config.auth_token");
			v.text("input.public_id");
			v.text("expected");
		});
	}

	@Test
	void aPassingCaseFailsNamingEveryFieldNotMapped() {
		assertThatExceptionOfType(AssertionError.class).isThrownBy(() -> VectorCase.run(CASE, (v) -> {
			v.text("config.cloud_name");
			v.text("input.public_id");
			v.text("expected");
			v.has("config.private_cdn");
			v.text("config.auth_token.key");
		}))
			.withMessage("vector cld-x has fields this runner does not map: config.private_cdn, "
					+ "config.auth_token.duration");
	}

	@Test
	void aFailingCaseWithUnmappedFieldsSaysSoAndKeepsTheFailure() {
		AssertionError failure = new AssertionError("wrong URL");
		assertThatExceptionOfType(AssertionError.class).isThrownBy(() -> VectorCase.run(CASE, (v) -> {
			v.text("expected");
			throw failure;
		})).withMessageStartingWith("vector cld-x has fields this runner does not map: config.cloud_name")
			.withMessageEndingWith(" (and the case failed: AssertionError: wrong URL)")
			.withCause(failure);
	}

	@Test
	void ignoredFieldsAreMapped() {
		VectorCase.run(CASE, (v) -> v.ignore("config", "test").ignore("input", "test").ignore("expected", "test"));
	}

	static final JsonNode NESTED = SaasJson.mapper().readTree("""
			{"kind":"clerk/x",
			 "input":{"cases":[{"token":"a","note":"n"},{"token":"b"}],"scalars":["x","y"]},
			 "expected":{"iss = https://clerk.evil.example (foreign)":{"js":"accepted","java":"ACCEPTED"}}}
			""");

	@Test
	void arraysOfObjectsAreWalkedByIndexAndKeysMayHoldDots() {
		assertThatExceptionOfType(AssertionError.class).isThrownBy(() -> VectorCase.run(NESTED, (v) -> {
			assertThat(v.size("input.cases")).isEqualTo(2);
			assertThat(v.text("input.cases.0.token")).isEqualTo("a");
			assertThat(v.text("input.cases.1.token")).isEqualTo("b");
			assertThat(v.get("input.scalars").size()).isEqualTo(2);
			assertThat(v.text("expected.iss = https://clerk.evil.example (foreign).js")).isEqualTo("accepted");
			assertThat(v.has("input.cases.2.token")).isFalse();
		}))
			.withMessage("vector clerk/x has fields this runner does not map: input.cases.0.note, "
					+ "expected.iss = https://clerk.evil.example (foreign).java");
	}

	@Test
	void aRequiredFieldThatIsMissingFailsNamingIt() {
		assertThatExceptionOfType(AssertionError.class)
			.isThrownBy(() -> VectorCase.run(CASE, (v) -> {
				v.ignore("config", "test").ignore("input", "test").text("expected");
				v.require("expected.claims");
			}))
			.withMessage("vector cld-x lacks the field expected.claims, which this runner requires");
	}

	@Test
	void everySelectedCaseMustRun() {
		VectorRuns runs = new VectorRuns();
		runs.assertEveryCaseRan(List.of("a", "b"));
		runs.ran("a");
		assertThatExceptionOfType(AssertionError.class).isThrownBy(() -> runs.assertEveryCaseRan(List.of("a", "b")));
		runs.ran("b");
		runs.assertEveryCaseRan(List.of("a", "b"));
		assertThatExceptionOfType(AssertionError.class).isThrownBy(() -> runs.assertEveryCaseRan(List.of()));
		assertThat(VectorCase.DOCUMENTATION).contains("source", "notes", "string_to_sign");
	}

}
