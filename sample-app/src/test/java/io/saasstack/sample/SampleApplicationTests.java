package io.saasstack.sample;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.web.servlet.MockMvc;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

@SpringBootTest
@AutoConfigureMockMvc
class SampleApplicationTests {

	@Autowired
	private MockMvc mvc;

	@Test
	void startsWithoutCredentialsAndReportsLocalProviders() throws Exception {
		this.mvc.perform(get("/api/status"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.mail").value("local"))
			.andExpect(jsonPath("$.events").value("local"))
			.andExpect(jsonPath("$.auth").value("local"))
			.andExpect(jsonPath("$.media").value("local"));
	}

	@Test
	void exposesHealth() throws Exception {
		this.mvc.perform(get("/actuator/health")).andExpect(status().isOk()).andExpect(jsonPath("$.status").value("UP"));
	}

}
