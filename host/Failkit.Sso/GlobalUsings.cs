global using Microsoft.AspNetCore.Http;
global using Microsoft.AspNetCore.Http.HttpResults;
