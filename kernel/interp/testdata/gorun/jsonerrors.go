package main

// json.Unmarshal's type errors name the struct that holds the field.

import (
	"encoding/json"
	"fmt"
)

type Address struct {
	Zip int `json:"zip"`
}

type User struct {
	ID   int     `json:"id"`
	Addr Address `json:"addr"`
	Tags []int
}

func main() {
	var u User
	fmt.Println(json.Unmarshal([]byte(`{"id":"x"}`), &u))
	fmt.Println(json.Unmarshal([]byte(`{"addr":{"zip":"z"}}`), &u))
	fmt.Println(json.Unmarshal([]byte(`{"Tags":[1,"a"]}`), &u))
	var n int
	fmt.Println(json.Unmarshal([]byte(`"s"`), &n))
	fmt.Println(json.Unmarshal([]byte(`{"id":5}`), &u), u.ID)
}
