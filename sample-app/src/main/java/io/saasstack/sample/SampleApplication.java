package io.saasstack.sample;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * A small SaaS built on saas-stack. It starts with no credentials at all: every provider falls
 * back to its local stand-in until its keys are set in the environment.
 */
@SpringBootApplication
public class SampleApplication {

	public static void main(String[] args) {
		SpringApplication.run(SampleApplication.class, args);
	}

}
