package io.saasstack;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import io.saasstack.core.SaasJson;

import org.springframework.asm.ClassReader;
import org.springframework.asm.ClassVisitor;
import org.springframework.asm.Label;
import org.springframework.asm.MethodVisitor;
import org.springframework.asm.Opcodes;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.util.ClassUtils;

/**
 * Finds, in the compiled classes of {@code io.saasstack}, the types Jackson binds by reflection:
 * the {@code Class} given to {@code SaasHttpClient.exchange/retrieve} and to Jackson's
 * {@code readValue}-style methods, what is given to {@code SaasRequest.Builder.json}, the type
 * arguments of {@code ParameterizedTypeReference} subclasses, and, from those, the types of
 * their record components and fields. Only our own types are kept: the JDK's need no hints.
 */
final class JsonBoundTypes {

	private static final String OURS = "io/saasstack/";

	private static final Pattern OUR_TYPES = Pattern.compile("L(io/saasstack/[^;<]+)[;<]");

	private static final Set<String> JACKSON_READS = Set.of("readValue", "convertValue", "treeToValue", "readerFor",
			"writerFor", "constructType");

	private JsonBoundTypes() {
	}

	/** Our types bound directly: by name, each with the class that binds it. */
	static Map<String, String> direct() {
		Map<String, String> found = new TreeMap<>();
		try (Stream<Path> files = Files.walk(classesRoot().resolve("io/saasstack"))) {
			files.filter((file) -> file.toString().endsWith(".class")).forEach((file) -> scan(file, found));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return found;
	}

	/** The direct types and every one of our types their record components and fields hold. */
	static Set<Class<?>> withContents(Set<String> direct) {
		Set<Class<?>> all = new HashSet<>();
		ArrayDeque<Class<?>> queue = new ArrayDeque<>();
		direct.forEach((name) -> queue.add(load(name)));
		while (!queue.isEmpty()) {
			Class<?> type = queue.removeFirst();
			if (!all.add(type)) {
				continue;
			}
			if (type.isRecord()) {
				for (RecordComponent component : type.getRecordComponents()) {
					ours(component.getGenericType(), queue);
				}
			}
			else if (!type.isEnum()) {
				for (Field field : type.getDeclaredFields()) {
					if (!Modifier.isStatic(field.getModifiers())) {
						ours(field.getGenericType(), queue);
					}
				}
			}
		}
		return all;
	}

	private static void ours(Type type, ArrayDeque<Class<?>> queue) {
		if (type instanceof Class<?> raw) {
			Class<?> element = raw.isArray() ? raw.getComponentType() : raw;
			if (element.getName().startsWith("io.saasstack.")) {
				queue.add(element);
			}
		}
		else if (type instanceof ParameterizedType parameterized) {
			ours(parameterized.getRawType(), queue);
			for (Type argument : parameterized.getActualTypeArguments()) {
				ours(argument, queue);
			}
		}
	}

	static Class<?> load(String name) {
		return ClassUtils.resolveClassName(name, JsonBoundTypes.class.getClassLoader());
	}

	private static Path classesRoot() {
		try {
			return Path.of(SaasJson.class.getProtectionDomain().getCodeSource().getLocation().toURI());
		}
		catch (URISyntaxException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static void scan(Path file, Map<String, String> found) {
		ClassReader reader;
		try (InputStream in = Files.newInputStream(file)) {
			reader = new ClassReader(in);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		String className = reader.getClassName().replace('/', '.');
		reader.accept(new ClassVisitor(Opcodes.ASM9) {

			@Override
			public void visit(int version, int access, String name, String signature, String superName,
					String[] interfaces) {
				if ("org/springframework/core/ParameterizedTypeReference".equals(superName) && signature != null) {
					addAll(signature, className, found);
				}
			}

			@Override
			public MethodVisitor visitMethod(int access, String name, String descriptor, String signature,
					String[] exceptions) {
				return new Calls(className, found);
			}

		}, ClassReader.SKIP_FRAMES);
	}

	private static void addAll(String signature, String binder, Map<String, String> found) {
		Matcher matcher = OUR_TYPES.matcher(signature);
		while (matcher.find()) {
			found.putIfAbsent(matcher.group(1).replace('/', '.'), binder);
		}
	}

	/**
	 * Follows what the last instructions put on the stack, roughly: enough for the call shapes
	 * of our clients ({@code exchange(request, X.class)}, {@code json(new X(...))},
	 * {@code json(x(...))}, {@code json(localVariable)}).
	 */
	private static final class Calls extends MethodVisitor {

		private final String binder;

		private final Map<String, String> found;

		/** Descriptor of the last class constant. */
		private String lastClassConstant;

		/** Descriptor or signature of the last value pushed, or "#n" for local variable n. */
		private String lastValue;

		private final Set<Integer> jsonLocals = new HashSet<>();

		Calls(String binder, Map<String, String> found) {
			super(Opcodes.ASM9);
			this.binder = binder;
			this.found = found;
		}

		@Override
		public void visitLdcInsn(Object value) {
			if (value instanceof org.springframework.asm.Type type && type.getSort() == org.springframework.asm.Type.OBJECT) {
				this.lastClassConstant = type.getDescriptor();
			}
			this.lastValue = null;
		}

		@Override
		public void visitVarInsn(int opcode, int var) {
			this.lastValue = (opcode == Opcodes.ALOAD) ? "#" + var : null;
		}

		@Override
		public void visitFieldInsn(int opcode, String owner, String name, String descriptor) {
			this.lastValue = (opcode == Opcodes.GETFIELD || opcode == Opcodes.GETSTATIC) ? descriptor : null;
		}

		@Override
		public void visitMethodInsn(int opcode, String owner, String name, String descriptor, boolean isInterface) {
			boolean httpRead = "io/saasstack/core/SaasHttpClient".equals(owner)
					&& ("exchange".equals(name) || "retrieve".equals(name)) && descriptor.contains("Ljava/lang/Class;");
			boolean jacksonRead = owner.startsWith("tools/jackson/databind/") && JACKSON_READS.contains(name)
					&& descriptor.contains("Ljava/lang/Class;");
			if ((httpRead || jacksonRead) && this.lastClassConstant != null) {
				addAll(this.lastClassConstant, this.binder, this.found);
			}
			if ("io/saasstack/core/SaasRequest$Builder".equals(owner) && "json".equals(name) && this.lastValue != null) {
				if (this.lastValue.startsWith("#")) {
					this.jsonLocals.add(Integer.parseInt(this.lastValue.substring(1)));
				}
				else {
					addAll(this.lastValue, this.binder, this.found);
				}
			}
			this.lastValue = "<init>".equals(name) ? "L" + owner + ";"
					: org.springframework.asm.Type.getReturnType(descriptor).getDescriptor();
		}

		@Override
		public void visitTypeInsn(int opcode, String type) {
			this.lastValue = null;
		}

		@Override
		public void visitInsn(int opcode) {
			if (opcode != Opcodes.DUP) {
				this.lastValue = null;
			}
		}

		@Override
		public void visitLocalVariable(String name, String descriptor, String signature, Label start, Label end,
				int index) {
			if (this.jsonLocals.contains(index)) {
				addAll((signature != null) ? signature : descriptor, this.binder, this.found);
			}
		}

	}

}
