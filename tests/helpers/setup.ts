// Runs in every test file: the fixture sites it built are removed when the file is done.
import { afterAll } from "vitest";
import { removeTempDirs } from "./site.ts";

afterAll(removeTempDirs);
