package dev.slipway.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Server-side rendered apps as users make them: a Next.js App Router app from {@code create-next-app} (the official
 * template, bundled in the npm package), and a Nuxt app with Nitro's Amplify preset. The template's layout loads
 * Google Fonts at build time, which this network cannot reach, so it is replaced by a plain one.
 */
final class SsrApps {

    static final String NEXT_VERSION = "16.4.3";

    /** What users of both frameworks write: install, build, the framework's output directory, node_modules cached. */
    static String amplifyYml(String baseDirectory) {
        return """
                version: 1
                frontend:
                  phases:
                    preBuild:
                      commands:
                        - npm install --no-audit --no-fund
                    build:
                      commands:
                        - npm run build
                  artifacts:
                    baseDirectory: %s
                    files:
                      - '**/*'
                  cache:
                    paths:
                      - node_modules/**/*
                """.formatted(baseDirectory);
    }


    private static final Map<String, String> NEXT_FILES = Map.of(
            "next.config.ts", """
                    import type { NextConfig } from "next";

                    const nextConfig: NextConfig = {};

                    export default nextConfig;
                    """,
            "app/layout.tsx", """
                    import type { Metadata } from "next";
                    import "./globals.css";

                    export const metadata: Metadata = { title: "Slipway SSR", description: "Rendered on Slipway" };

                    export default function RootLayout({ children }: { children: React.ReactNode }) {
                      return (
                        <html lang="en">
                          <body>{children}</body>
                        </html>
                      );
                    }
                    """,
            "app/items/[id]/page.tsx", """
                    export default async function Item({ params }: { params: Promise<{ id: string }> }) {
                      const { id } = await params;
                      return <p>Item {id} rendered at {new Date().toISOString()}</p>;
                    }
                    """,
            "app/api/time/route.ts", """
                    export const dynamic = "force-dynamic";

                    const boot = crypto.randomUUID();

                    export async function GET(request: Request) {
                      console.log(`time asked by ${request.headers.get("host")}, secret ${process.env.SSR_SECRET}`);
                      return Response.json({
                        now: Date.now(),
                        boot,
                        greeting: process.env.GREETING ?? null,
                        secret: process.env.SSR_SECRET ? "set" : "unset",
                        host: request.headers.get("host"),
                        forwardedFor: request.headers.get("x-forwarded-for"),
                      });
                    }

                    export async function POST(request: Request) {
                      return Response.json({ echo: await request.text() });
                    }
                    """,
            "app/api/crash/route.ts", """
                    export async function POST() {
                      setTimeout(() => process.exit(1), 100);
                      return Response.json({ crashing: true });
                    }
                    """);



    private static final Map<String, String> NUXT_FILES = Map.of(
            "package.json", """
                    {
                      "name": "nuxt-on-slipway",
                      "private": true,
                      "type": "module",
                      "scripts": { "build": "nuxt build" },
                      "dependencies": { "nuxt": "4.5.2" }
                    }
                    """,
            "nuxt.config.ts", """
                    export default defineNuxtConfig({
                      compatibilityDate: "2025-07-15",
                      telemetry: false,
                      nitro: { preset: "aws-amplify" },
                    });
                    """,
            "app.vue", """
                    <script setup lang="ts">
                    const { data } = await useFetch("/api/hello");
                    </script>

                    <template>
                      <main>
                        <h1>Nuxt on Slipway</h1>
                        <p id="hello">{{ data?.hello }} {{ data?.greeting }}</p>
                      </main>
                    </template>
                    """,
            "server/api/hello.ts", """
                    export default defineEventHandler(() => ({
                      hello: "from nitro",
                      greeting: process.env.GREETING ?? null,
                      at: Date.now(),
                    }));
                    """,
            ".gitignore", "node_modules\n.nuxt\n.output\n.amplify-hosting\n",
            "amplify.yml", amplifyYml(".amplify-hosting"));

    private SsrApps() {
    }

    /** {@code create-next-app} with the App Router template, plus a dynamic page, route handlers and amplify.yml. */
    static void nextApp(Path dir, String homeHeading) throws IOException, InterruptedException {
        Files.createDirectories(dir.getParent());
        run(dir.getParent(), List.of("npx", "--yes", "create-next-app@" + NEXT_VERSION, dir.getFileName().toString(),
                "--ts", "--app", "--no-tailwind", "--no-eslint", "--no-src-dir", "--no-react-compiler",
                "--import-alias", "@/*", "--use-npm", "--skip-install", "--disable-git", "--no-agents-md", "--yes"));
        write(dir, NEXT_FILES);
        Files.writeString(dir.resolve("amplify.yml"), amplifyYml(".next"));
        nextHome(dir, homeHeading);
    }

    static void nextHome(Path dir, String heading) throws IOException {
        Files.writeString(dir.resolve("app/page.tsx"), """
                import Link from "next/link";

                export default function Home() {
                  return (
                    <main>
                      <h1>%s</h1>
                      <Link href="/items/42">item 42</Link>
                    </main>
                  );
                }
                """.formatted(heading));
    }

    static void nuxtApp(Path dir) throws IOException {
        Files.createDirectories(dir);
        write(dir, NUXT_FILES);
    }

    private static void write(Path dir, Map<String, String> files) throws IOException {
        for (Map.Entry<String, String> file : files.entrySet()) {
            Path path = dir.resolve(file.getKey());
            Files.createDirectories(path.getParent());
            Files.writeString(path, file.getValue());
        }
    }

    private static void run(Path dir, List<String> command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        if (!process.waitFor(5, TimeUnit.MINUTES) || process.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed:\n" + output);
        }
    }
}
