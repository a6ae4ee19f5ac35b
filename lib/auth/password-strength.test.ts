/** Issue 15 §6: guessable passwords are refused with advice; good passphrases pass. */
import { describe, expect, it } from "vitest";
import { passwordProblem, personalWords } from "@/lib/auth/password-strength";

const person = ["ann.smith@example.test", "Ann Smith"];

describe("passwordProblem", () => {
  it.each(["password", "password123", "jotboard2024", "Qwerty123!"])(
    "refuses %j with a helpful message",
    (password) => {
      const problem = passwordProblem(password, person);
      expect(problem).toMatch(/\. Add another word or two that are less common/);
    },
  );

  it("says why: a common password is named as such", () => {
    expect(passwordProblem("password123", person)).toMatch(/^This is a commonly used password\./);
  });

  it("refuses the person's own email and name, which would pass for anyone else", () => {
    const zeph = ["zephyrine.quintell@example.test", "Zephyrine Quintell"];
    for (const password of ["zephyrine.quintell", "zephyrinequintell", "Zephyrine.Quintell"]) {
      expect(passwordProblem(password, zeph)).toMatch(/^Leave out your name, your email/);
      expect(passwordProblem(password, person)).toBeUndefined();
    }
  });

  it.each([
    "plum tundra violet kite",
    "correct horse battery",
    `pw-${"3f2a1b4c-1234-4abc-9def-0123456789ab"}`,
  ])("accepts %j", (password) => {
    expect(passwordProblem(password, person)).toBeUndefined();
  });
});

describe("personalWords", () => {
  it("splits an email and a name into the parts a guesser would try", () => {
    expect(personalWords(["Ann.Smith@Example.test", "Ann  Smith"])).toEqual(
      expect.arrayContaining(["ann.smith@example.test", "ann.smith", "ann", "smith", "example"]),
    );
    expect(personalWords(["  "])).toEqual([]);
  });
});
