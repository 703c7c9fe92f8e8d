package main

import (
	"encoding/json"
	"fmt"
	"os"
	"strings"
)

type Status int

func (s Status) MarshalJSON() ([]byte, error) { return json.Marshal([]string{"off", "on"}[s]) }

func (s *Status) UnmarshalJSON(b []byte) error {
	if string(b) == `"on"` {
		*s = 1
	} else {
		*s = 0
	}
	return nil
}

type Device struct {
	ID     string `json:"id"`
	Status Status `json:"status"`
}

func main() {
	dec := json.NewDecoder(strings.NewReader(`{"id":"a","status":"on"} {"id":"b","status":"off"}`))
	for {
		var d Device
		if err := dec.Decode(&d); err != nil {
			fmt.Println("end:", err)
			break
		}
		fmt.Printf("%+v\n", d)
	}
	enc := json.NewEncoder(os.Stdout)
	enc.SetIndent("", " ")
	fmt.Println(enc.Encode(Device{"c", 1}))
	fmt.Println(enc.Encode([]Device{{"d", 0}}))
}
