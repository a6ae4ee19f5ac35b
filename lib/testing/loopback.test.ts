import { describe, expect, it } from "vitest";
import { assertLoopbackUrl, isLoopbackUrl } from "@/lib/testing/loopback";

describe("loopback guard", () => {
  it.each([
    "http://127.0.0.1:8000",
    "http://localhost:4568",
    "http://[::1]:9000",
    "http://127.9.9.9",
  ])("allows %s", (url) => expect(isLoopbackUrl(url)).toBe(true));

  it.each([
    "https://dynamodb.us-east-1.amazonaws.com",
    "http://10.0.0.5:8000",
    "http://192.168.1.2:8000",
    "http://127.0.0.1.example.com",
    "http://0.0.0.0:8000",
  ])("refuses %s", (url) => {
    expect(isLoopbackUrl(url)).toBe(false);
    expect(() => assertLoopbackUrl(url, "DynamoDB")).toThrow(/only loopback/);
  });
});
